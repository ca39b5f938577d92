/**
 * The latency model against queueing theory, short runs (the long suite runs each load level
 * long enough for a 3% bound: queueing-theory.long.test.ts).
 */
import { CollectingEventSink } from '@autoslo/core';
import { simulate } from '../src/index.js';
import { poissonWorkload, workloadOf } from './helpers.js';
import { exponential, SeenByArrivals, single } from './queueing-helpers.js';

describe('one cluster, parallelism 1, Poisson arrivals (short runs)', () => {
  it("exponential service at rho 0.5: mean latency near E[S]/(1-rho), Little's law", async () => {
    const rho = 0.5;
    const N = 20_000;
    const workload = poissonWorkload(N, rho, exponential, 1005);
    const sink = new SeenByArrivals();
    await simulate(single(), workload, { dataDir: '.', sink });
    const meanS = [...workload.trace.isolatedLatencyS!].reduce((a, b) => a + b, 0) / N;
    const meanLatency = sink.latencySum / N;
    expect(Math.abs(meanLatency / (meanS / (1 - rho)) - 1)).toBeLessThan(0.06);
    const lambda = N / (workload.relStartS[N - 1] as number);
    expect(Math.abs(sink.seenSum / sink.arrivals / (lambda * meanLatency) - 1)).toBeLessThan(0.06);
  });

  it('FCFS with admission limit 1 serves in arrival order', async () => {
    const sink = new CollectingEventSink();
    // Three 10 s queries at t = 0, 1, 2 on one slot: they finish at 10, 20, 30.
    await simulate(single(1), workloadOf([0, 1, 2], [10, 10, 10]), { dataDir: '.', sink });
    const done = sink.ofType('completion').map((e) => [e.query_id, e.rel_time_s]);
    expect(done).toEqual([
      [1, 10],
      [2, 20],
      [3, 30],
    ]);
  });
});
