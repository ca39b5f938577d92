import { SloObjective } from '@autoslo/core';
import {
  gridIndexOf,
  gridPoint,
  gridSize,
  randomIndices,
  runParamSweep,
  type SweepResultsFile,
} from '../src/index.js';
import { AnalyticEvaluator } from './analytic-evaluator.js';

interface Config {
  autoscaler_config: { a: number; b: number; keep: string };
}
const base: Config = { autoscaler_config: { a: 1, b: 10, keep: 'x' } };
const params = { 'autoscaler_config.a': [1, 2, 3], 'autoscaler_config.b': [10, 20] };

/**
 * Violation 0.3 / a on training scenarios (scenario s adds s / 1000), cost a * b. On the
 * validation scenarios, b = 10 is worse: violation 0.2 whatever a is.
 */
function outcome(config: Config, set: 'train' | 'val', s: number) {
  const { a, b } = config.autoscaler_config;
  const violation = set === 'val' && b === 10 ? 0.2 : 0.3 / a + s / 1000;
  return { violation, cost: a * b };
}

describe('sweep points', () => {
  it('enumerates the grid with the last key varying fastest', () => {
    expect(gridSize(params)).toBe(6);
    expect(gridPoint(params, 0)).toEqual({ 'autoscaler_config.a': 1, 'autoscaler_config.b': 10 });
    expect(gridPoint(params, 1)).toEqual({ 'autoscaler_config.a': 1, 'autoscaler_config.b': 20 });
    expect(gridPoint(params, 4)).toEqual({ 'autoscaler_config.a': 3, 'autoscaler_config.b': 10 });
    expect(gridIndexOf(params, [2, 1])).toBe(5);
    expect(gridSize({})).toBe(1);
    expect(gridPoint({}, 0)).toEqual({});
  });

  it('samples distinct points reproducibly, or the whole grid when the budget covers it', () => {
    const a = randomIndices(params, 3, 7);
    expect(a).toHaveLength(3);
    expect(new Set(a).size).toBe(3);
    expect(randomIndices(params, 3, 7)).toEqual(a);
    expect(randomIndices(params, 6, 7)).toEqual([0, 1, 2, 3, 4, 5]);
    const seen = new Set<number>();
    for (let seed = 0; seed < 20; seed++)
      for (const i of randomIndices(params, 2, seed)) seen.add(i);
    expect(seen.size).toBe(6);
  });
});

describe('runParamSweep', () => {
  const objective = new SloObjective('binary', 0.12);

  it('grid: ranks on train, validates the top k, keeps the best validated point', async () => {
    const evaluator = new AnalyticEvaluator<Config>({ train: 3, val: 2 }, outcome);
    const files = new Map<string, unknown>();
    const result = await runParamSweep(base, {
      settings: { strategy: 'grid', params, val_top_k: 2 },
      evaluator,
      objective,
      aggregation: 'max',
      outDir: '/tmp/sweep',
      record: async (path, doc) => {
        files.set(path, doc);
      },
    });
    // Train (max over scenarios): a = 3 gives 0.1 + 0.002 = 0.102 <= 0.12, feasible;
    // cheapest feasible is (3, 10) at cost 30, then (3, 20) at 60. On validation (3, 10)
    // violates (0.2), so (3, 20) wins.
    const file = files.get('sweep_results.json') as SweepResultsFile;
    expect(file.best_grid_point).toBe(5);
    expect(result.bestParams).toEqual({ 'autoscaler_config.a': 3, 'autoscaler_config.b': 20 });
    expect(result.finalConfig).toEqual({ autoscaler_config: { a: 3, b: 20, keep: 'x' } });
    expect(base.autoscaler_config.a).toBe(1);
    const byPoint = new Map(file.grid_results.map((r) => [r.grid_point, r]));
    expect(byPoint.get(4)?.train_rank).toBe(0);
    expect(byPoint.get(5)?.train_rank).toBe(1);
    expect(byPoint.get(4)?.val_primary_violation_agg).toBeCloseTo(0.2, 12);
    expect(byPoint.get(5)?.val_cost_agg).toBe(60);
    expect(byPoint.get(0)?.val_primary_violation_agg).toBeNull();
    // Both infeasible: a = 2 (0.152) outranks a = 1 (0.302).
    expect(byPoint.get(2)?.train_rank).toBe(2);
    expect(byPoint.get(1)?.train_rank).toBe(5);
    expect(byPoint.get(5)?.train_violation_amount_s).toBeCloseTo(1.02, 12);
    expect(evaluator.runs).toBe(6 * 3 + 2 * 2);
    expect([...files.keys()].sort()).toEqual([
      'best_train_summary.yml',
      'best_val_summary.yml',
      'final_config.yml',
      'initial_config.yml',
      'sweep_results.json',
    ]);
  });

  it('an empty parameter map evaluates the base config once', async () => {
    const evaluator = new AnalyticEvaluator<Config>({ train: 2, val: 2 }, outcome);
    const result = await runParamSweep(base, {
      settings: { params: {} },
      evaluator,
      objective,
      aggregation: 'mean',
      outDir: '/t',
    });
    expect(result.finalConfig).toEqual(base);
    expect(result.file.grid_results).toHaveLength(1);
    expect(evaluator.runs).toBe(4);
  });

  it('random: evaluates only the sampled points', async () => {
    const evaluator = new AnalyticEvaluator<Config>({ train: 1, val: 1 }, outcome);
    const result = await runParamSweep(base, {
      settings: { strategy: 'random', params, budget: 3, seed: 7, val_top_k: 1 },
      evaluator,
      objective,
      aggregation: 'mean',
      outDir: '/t',
    });
    expect(result.file.grid_results.map((r) => r.grid_point)).toEqual(randomIndices(params, 3, 7));
    expect(evaluator.runs).toBe(3 + 1);
  });

  it('coordinate_descent: walks one parameter at a time and memoises points', async () => {
    const evaluator = new AnalyticEvaluator<Config>({ train: 1, val: 1 }, outcome);
    const result = await runParamSweep(base, {
      settings: { strategy: 'coordinate_descent', params, val_top_k: 1 },
      evaluator,
      objective,
      aggregation: 'mean',
      outDir: '/t',
    });
    // Start at the middle values (a = 2, b = 20). Cycle 0: a in {1,2,3} -> 3 (only feasible);
    // b in {10, 20} -> 10 (cheaper; (3, 20) is memoised). Cycle 1: a in {1,2,3} with b = 10
    // adds (1, 10) and (2, 10), keeps a = 3; b needs no runs; nothing changed: stop.
    expect(result.file.grid_results.map((r) => r.grid_point)).toEqual([1, 3, 5, 4, 0, 2]);
    expect(result.bestParams).toEqual({ 'autoscaler_config.a': 3, 'autoscaler_config.b': 10 });
    expect(evaluator.requests.map((r) => r.outDir)).toEqual([
      '/t/train/cycle_0/autoscaler_config_a',
      '/t/train/cycle_0/autoscaler_config_b',
      '/t/train/cycle_1/autoscaler_config_a',
      '/t/val',
    ]);
  });

  it('adaptive_batch: halves the candidates while growing the scenario prefix', async () => {
    const evaluator = new AnalyticEvaluator<Config>({ train: 8, val: 1 }, outcome);
    const result = await runParamSweep(base, {
      settings: {
        strategy: 'adaptive_batch',
        params,
        max_rounds: 3,
        beam_size: 2,
        exploration_multiplier: 2,
        val_top_k: 1,
      },
      evaluator,
      objective,
      aggregation: 'mean',
      outDir: '/t',
    });
    // Rungs use 2, 4, 8 scenarios. 6 points x 2, keep max(2, 3) = 3: (3,10), (3,20), (2,10);
    // 3 points x 2 more, keep 2: (3,10), (3,20); 2 points x 4 more. Then 1 validation run.
    expect(evaluator.requests.map((r) => [r.configs.length, r.scenarios ?? 'all'])).toEqual([
      [6, [0, 1]],
      [3, [2, 3]],
      [2, [4, 5, 6, 7]],
      [1, 'all'],
    ]);
    expect(evaluator.runs).toBe(12 + 6 + 8 + 1);
    expect(result.bestParams).toEqual({ 'autoscaler_config.a': 3, 'autoscaler_config.b': 10 });
    const byPoint = new Map(result.file.grid_results.map((r) => [r.grid_point, r]));
    expect(byPoint.get(4)?.train_scenarios).toBe(8);
    expect(byPoint.get(2)?.train_scenarios).toBe(4);
    expect(byPoint.get(0)?.train_scenarios).toBe(2);
    // Points that saw the whole training set rank first.
    expect([
      byPoint.get(4)?.train_rank,
      byPoint.get(5)?.train_rank,
      byPoint.get(2)?.train_rank,
    ]).toEqual([0, 1, 2]);
  });

  it('rejects an unknown strategy with the config path', async () => {
    const evaluator = new AnalyticEvaluator<Config>({ train: 1, val: 1 }, outcome);
    await expect(
      runParamSweep(base, {
        settings: { strategy: 'bayes', params },
        evaluator,
        objective,
        aggregation: 'mean',
        outDir: '/t',
      }),
    ).rejects.toThrow(/param_sweep_config.strategy: unknown sweep strategy/);
  });
});
