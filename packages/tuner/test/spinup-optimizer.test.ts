import { SloObjective } from '@autoslo/core';
import { optimizeSpinups, type TunableConfig } from '../src/index.js';
import { AnalyticEvaluator, timelineOf } from './analytic-evaluator.js';

type Config = TunableConfig & { name: string };

const base: Config = {
  name: 'base',
  managed_cluster_pool_config: { initial_rpus: [16], max_clusters: 10 },
  scheduled_spinups: [],
};

/**
 * Congestion at [1400, 1500) in both training scenarios unless a cluster of at least 32 RPU
 * is scheduled by 1040 (1400 minus the 360 s lead time). A 16-RPU one only halves it.
 */
function outcome(config: Config) {
  const early = (config.scheduled_spinups ?? []).filter((s) => s.rel_time_s <= 1040);
  const bigEnough = early.some((s) => s.rpu >= 32);
  const some = early.length > 0;
  const violation = bigEnough ? 0.05 : some ? 0.2 : 0.3;
  const cost =
    config.managed_cluster_pool_config.initial_rpus.reduce((s, r) => s + r, 0) +
    (config.scheduled_spinups ?? []).reduce((s, x) => s + x.rpu / 2, 0);
  const timeline = bigEnough ? timelineOf([[1400, 1500, 0]]) : timelineOf([[1400, 1500, 1]]);
  return { violation, cost, timeline };
}

const settings = {
  max_spinups: 5,
  min_delinquent_workload_fraction: 0.5,
  lead_time_s: 360,
  allowed_rpu_sizes: [16, 32],
  max_attempts_per_round: 5,
  initial_rpu_candidates: [[16], [32]],
};

describe('optimizeSpinups', () => {
  it('places the spin-up a lead time before the congestion, at the size that makes it feasible', async () => {
    const evaluator = new AnalyticEvaluator<Config>({ train: 2, val: 1 }, outcome);
    const recorded = new Map<string, unknown>();
    const results = await optimizeSpinups(base, {
      settings,
      evaluator,
      objective: new SloObjective('binary', 0.1),
      aggregation: 'p95',
      outDir: '/tmp/x',
      record: async (path, doc) => {
        recorded.set(path, doc);
      },
    });
    expect(results).toHaveLength(2);
    const first = results[0];
    expect(first?.config.scheduled_spinups).toEqual([{ rel_time_s: 1040, rpu: 32 }]);
    expect(first?.config.managed_cluster_pool_config.initial_rpus).toEqual([16]);
    expect(results[1]?.config.managed_cluster_pool_config.initial_rpus).toEqual([32]);
    expect(first?.train.violation_rate).toBeCloseTo(0.05, 12);
    // Round 0 accepts 32 RPU at 1040 (16 RPU: 0.2 > 0.1 still infeasible); round 1 finds no congestion.
    expect(first?.rounds).toEqual([
      {
        round_idx: 0,
        outcome: 'accepted',
        attempts: [
          {
            attempt_idx: 0,
            placement_time: 1040,
            outcome: 'accepted',
            best_rpu: 32,
            best_violation: 0.05,
            best_cost: 32,
          },
        ],
      },
      { round_idx: 1, outcome: 'no_candidates', attempts: [] },
    ]);
    expect(recorded.get('candidate_0/spinups/round_000/round_summary.yml')).toEqual(
      first?.rounds[0],
    );
    expect(recorded.get('candidate_1/spinups/final_config.yml')).toEqual(results[1]?.config);
    // Lock-step batches: baselines of both candidates, one wave of 2 x 2 attempts, nothing more.
    expect(evaluator.requests.map((r) => r.labels)).toEqual([
      ['candidate_0', 'candidate_1'],
      ['c0_a0_rpu16', 'c0_a0_rpu32', 'c1_a0_rpu16', 'c1_a0_rpu32'],
    ]);
    expect(evaluator.requests[1]?.outDir).toBe('/tmp/x/round_000/attempt_wave_000');
  });

  it('rejects a spin-up that does not strictly improve on the baseline', async () => {
    // Already feasible at 0.3 <= 0.5: the in-flight violation (1 > 0.5) still marks congestion,
    // but the best spin-up (16 RPU, feasible, cost 24) costs more than the baseline (16).
    const evaluator = new AnalyticEvaluator<Config>({ train: 2, val: 1 }, outcome);
    const results = await optimizeSpinups(base, {
      settings: { ...settings, initial_rpu_candidates: [[16]] },
      evaluator,
      objective: new SloObjective('binary', 0.5),
      aggregation: 'mean',
      outDir: '/tmp/x',
    });
    expect(results[0]?.config.scheduled_spinups).toEqual([]);
    expect(results[0]?.rounds).toEqual([
      {
        round_idx: 0,
        outcome: 'rejected',
        attempts: [
          {
            attempt_idx: 0,
            placement_time: 1040,
            outcome: 'rejected',
            best_rpu: 16,
            best_violation: 0.2,
            best_cost: 24,
          },
        ],
      },
    ]);
    // With threshold 0.25 the baseline (0.3) is infeasible and 0.2 from 16 RPU is feasible and cheaper.
    const strict = await optimizeSpinups(base, {
      settings: { ...settings, initial_rpu_candidates: [[16]] },
      evaluator: new AnalyticEvaluator<Config>({ train: 2, val: 1 }, outcome),
      objective: new SloObjective('binary', 0.25),
      aggregation: 'mean',
      outDir: '/tmp/x',
    });
    expect(strict[0]?.config.scheduled_spinups).toEqual([{ rel_time_s: 1040, rpu: 16 }]);
  });

  it('has nothing to place without allowed sizes', async () => {
    const results = await optimizeSpinups(base, {
      settings: { ...settings, allowed_rpu_sizes: [], initial_rpu_candidates: [[16]] },
      evaluator: new AnalyticEvaluator<Config>({ train: 2, val: 1 }, outcome),
      objective: new SloObjective('binary', 0.1),
      aggregation: 'mean',
      outDir: '/tmp/x',
    });
    expect(results[0]?.rounds.map((r) => r.outcome)).toEqual(['no_candidates']);
  });

  it('stops when one more cluster would exceed max_clusters', async () => {
    const full: Config = {
      ...base,
      managed_cluster_pool_config: { initial_rpus: [16], max_clusters: 1 },
    };
    const results = await optimizeSpinups(full, {
      settings: { ...settings, initial_rpu_candidates: [[16]] },
      evaluator: new AnalyticEvaluator<Config>({ train: 2, val: 1 }, outcome),
      objective: new SloObjective('binary', 0.1),
      aggregation: 'mean',
      outDir: '/tmp/x',
    });
    expect(results[0]?.rounds.map((r) => r.outcome)).toEqual(['max_clusters']);
    expect(results[0]?.train.violation_rate).toBe(0.3);
  });
});
