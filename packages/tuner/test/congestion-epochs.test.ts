import { congestionEpochs, placementTimes } from '../src/index.js';
import { timelineOf } from './analytic-evaluator.js';

/** Ten queries that finish within their SLO, over [start, end). */
function calm(start: number, end: number, n: number): [number, number, number][] {
  return Array.from({ length: n }, () => [start, end, 0] as [number, number, number]);
}

describe('congestion epochs and placement times', () => {
  // Four scenarios; an epoch needs ceil(0.5 * 4) = 2 delinquent at once (threshold 0.1).
  const a = timelineOf([
    [900, 1300, 0],
    [1000, 1600, 1], // A delinquent over [1000, 1600): 1/2 then 1/1 > 0.1
    [5000, 5100, 1],
    [5300, 5400, 1],
  ]);
  const b = timelineOf([
    ...calm(1200, 1400, 10), // dilutes B's violation to 1/11 < 0.1 until 1400
    [1200, 1500, 1], // so B is delinquent only over [1400, 1500)
    [5050, 5150, 1],
    [5320, 5380, 1],
  ]);
  const c = timelineOf([[1100, 2000, 0]]);
  const d = timelineOf([]);

  it('finds the stretches where enough scenarios are delinquent together', () => {
    expect(congestionEpochs([a, b, c, d], 0.1, 2)).toEqual([
      { startS: 1400, endS: 1500 },
      { startS: 5050, endS: 5100 },
      { startS: 5320, endS: 5380 },
    ]);
  });

  it('places a spin-up one lead time ahead, dropping candidates closer than the spacing', () => {
    const times = placementTimes([a, b, c, d], {
      threshold: 0.1,
      minDelinquentFraction: 0.5,
      leadTimeS: 360,
      minSpacingS: 360,
    });
    // 1400 - 360 = 1040; 5050 - 360 = 4690; 5320 - 360 = 4960 is within 360 s of 4690.
    expect(times).toEqual([1040, 4690]);
    const unspaced = placementTimes([a, b, c, d], {
      threshold: 0.1,
      minDelinquentFraction: 0.5,
      leadTimeS: 360,
      minSpacingS: 0,
    });
    expect(unspaced).toEqual([1040, 4690, 4960]);
  });

  it('clamps early epochs to time 0 and finds none under a lenient threshold', () => {
    const early = timelineOf([[100, 400, 1]]);
    expect(
      placementTimes([early], {
        threshold: 0,
        minDelinquentFraction: 0.5,
        leadTimeS: 360,
        minSpacingS: 360,
      }),
    ).toEqual([0]);
    expect(
      placementTimes([a, b], {
        threshold: 1,
        minDelinquentFraction: 0.5,
        leadTimeS: 360,
        minSpacingS: 360,
      }),
    ).toEqual([]);
  });
});
