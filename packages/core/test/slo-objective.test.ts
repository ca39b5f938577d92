import { InputError } from '@autoslo/config';
import { aggregateAcross, quantile } from '../src/slo/aggregate-across.js';
import { meanViolation, perQueryViolation, ViolationMean } from '../src/slo/slo-metric.js';
import { cmp, idxOfBest, rankIndices, SloObjective } from '../src/slo/slo-objective.js';

describe('per-query metrics', () => {
  test('over, at and under the SLO', () => {
    // L=15, S=10: over by 5 s, by half the SLO
    expect(perQueryViolation('binary', 15, 10)).toBe(1);
    expect(perQueryViolation('absolute_s', 15, 10)).toBe(5);
    expect(perQueryViolation('relative', 15, 10)).toBe(0.5);
    expect(perQueryViolation('relative_unconstrained', 15, 10)).toBe(0.5);
    // L=S is met
    expect(perQueryViolation('binary', 10, 10)).toBe(0);
    expect(perQueryViolation('absolute_s', 10, 10)).toBe(0);
    // L=4, S=10: only the unconstrained metric goes negative
    expect(perQueryViolation('binary', 4, 10)).toBe(0);
    expect(perQueryViolation('absolute_s', 4, 10)).toBe(0);
    expect(perQueryViolation('relative', 4, 10)).toBe(0);
    expect(perQueryViolation('relative_unconstrained', 4, 10)).toBe(-0.6);
    expect(perQueryViolation('relative', 4, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(perQueryViolation('relative', 0, 0)).toBe(0);
    expect(perQueryViolation('binary', 4, 0)).toBe(1);
  });

  test('mean aggregation; empty is 0', () => {
    expect(meanViolation([])).toBe(0);
    expect(meanViolation([1, 0, 0, 1])).toBe(0.5);
    const running = new ViolationMean();
    expect(running.value()).toBe(0);
    running.add(1);
    running.add(0);
    expect(running.valueIfAdded(1)).toBeCloseTo(2 / 3, 15);
    expect(running.value()).toBe(0.5);
  });
});

describe('comparator', () => {
  const threshold = 0.05;

  test('both feasible: the cheaper wins', () => {
    expect(cmp({ violation: 0.04, cost: 10 }, { violation: 0, cost: 12 }, threshold)).toBeLessThan(
      0,
    );
  });

  test('a feasible one beats an infeasible cheaper one', () => {
    expect(
      cmp({ violation: 0.2, cost: 1 }, { violation: 0.05, cost: 50 }, threshold),
    ).toBeGreaterThan(0);
  });

  test('both infeasible: lower violation, then cost', () => {
    expect(
      cmp({ violation: 0.3, cost: 1 }, { violation: 0.2, cost: 50 }, threshold),
    ).toBeGreaterThan(0);
    // violations within 1e-4 tie, so the cheaper wins
    expect(
      cmp({ violation: 0.20005, cost: 1 }, { violation: 0.2, cost: 50 }, threshold),
    ).toBeLessThan(0);
  });

  test('tolerance 1e-4 on threshold and cost', () => {
    // 0.05009 counts as meeting 0.05
    expect(cmp({ violation: 0.05009, cost: 1 }, { violation: 0, cost: 2 }, threshold)).toBeLessThan(
      0,
    );
    expect(
      cmp({ violation: 0.0502, cost: 1 }, { violation: 0, cost: 2 }, threshold),
    ).toBeGreaterThan(0);
    expect(cmp({ violation: 0, cost: 1.00005 }, { violation: 0.01, cost: 1 }, threshold)).toBe(0);
  });

  test('idxOfBest and rankIndices keep the earlier of tied elements', () => {
    const list = [
      { violation: 0.3, cost: 1 }, // infeasible
      { violation: 0.01, cost: 5 },
      { violation: 0.02, cost: 5.00001 }, // ties with [1] on cost
      { violation: 0.0, cost: 7 },
    ];
    expect(idxOfBest(list, threshold)).toBe(1);
    expect(rankIndices(list, threshold)).toEqual([1, 2, 3, 0]);
    expect(idxOfBest([], threshold)).toBe(-1);
  });

  test('SloObjective', () => {
    const objective = SloObjective.fromConfig({ slo_metric: 'absolute_s', slo_threshold: 2 });
    expect(objective.violation(15, 10)).toBe(5);
    expect(objective.aggregate([5, 0, 1])).toBe(2);
    expect(objective.isMet(2)).toBe(true);
    expect(objective.isMet(2.001)).toBe(false);
    expect(
      objective.idxOfBest([
        { violation: 3, cost: 1 },
        { violation: 1, cost: 9 },
      ]),
    ).toBe(1);
    expect(() => SloObjective.fromConfig({ slo_metric: 'p99', slo_threshold: 0 })).toThrow(
      InputError,
    );
  });
});

describe('aggregation across scenarios', () => {
  test('mean, max and percentiles (linear interpolation)', () => {
    const values = [0.1, 0.4, 0.2, 0.3];
    expect(aggregateAcross(values, 'mean')).toBeCloseTo(0.25, 15);
    expect(aggregateAcross(values, 'max')).toBe(0.4);
    // sorted 0.1 0.2 0.3 0.4; p50 at position 1.5 -> 0.25; p95 at 2.85 -> 0.3 + 0.85*0.1
    expect(aggregateAcross(values, 'p50')).toBeCloseTo(0.25, 15);
    expect(aggregateAcross(values, 'p95')).toBeCloseTo(0.385, 15);
    expect(aggregateAcross(values, 'p100')).toBe(0.4);
    expect(aggregateAcross(values, 'p0')).toBe(0.1);
    expect(aggregateAcross([], 'p95')).toBe(0);
    expect(quantile([7], 0.3)).toBe(7);
    expect(() => aggregateAcross(values, 'median')).toThrow(InputError);
    expect(() => aggregateAcross(values, 'p101')).toThrow(InputError);
  });
});
