import { type AggregatedResults, aggregateResults, scoredOf } from './aggregated-results.js';
import { placementTimes } from './congestion-epochs.js';
import type { ScenarioRun, TunableConfig, TuningPhaseOptions } from './types.js';
import { plannedClusterCount, withSpinup } from './with-spinup.js';

/** `spinup_optimizer_config`, snake_case as in tuner configs; absent keys take defaults. */
export interface SpinupOptimizerSettings {
  readonly max_spinups?: number;
  readonly min_delinquent_workload_fraction?: number;
  readonly lead_time_s?: number;
  readonly initial_rpu_candidates?: readonly (readonly number[])[];
  readonly allowed_rpu_sizes?: readonly number[];
  readonly max_attempts_per_round?: number;
  /** null or absent: the lead time; 0 disables the spacing rule. */
  readonly min_candidate_spacing_s?: number | null;
}

export interface AttemptRecord {
  attempt_idx: number;
  placement_time: number;
  outcome: 'accepted' | 'rejected';
  best_rpu: number;
  best_violation: number;
  best_cost: number;
}

export interface RoundSummary {
  round_idx: number;
  /** `accepted`, `rejected` (every attempt lost), `no_candidates`, or `max_clusters`. */
  outcome: 'accepted' | 'rejected' | 'no_candidates' | 'max_clusters';
  attempts: AttemptRecord[];
}

export interface SpinupCandidateResult<C> {
  readonly index: number;
  readonly initialRpus: readonly number[];
  readonly config: C;
  readonly train: AggregatedResults;
  readonly rounds: readonly RoundSummary[];
}

/** Simulation outputs go under `<outDir>/round_NNN/...`. */
export interface SpinupOptimizerOptions<C> extends TuningPhaseOptions<C> {
  readonly settings: SpinupOptimizerSettings;
}

interface CandidateState<C> {
  index: number;
  initialRpus: number[];
  config: C;
  baseline: { results: AggregatedResults; runs: readonly ScenarioRun[] } | null;
  done: boolean;
  rounds: RoundSummary[];
}

const pad3 = (n: number) => String(n).padStart(3, '0');

function resolveSettings(s: SpinupOptimizerSettings) {
  const lead = s.lead_time_s ?? 360;
  return {
    maxSpinups: s.max_spinups ?? 5,
    fraction: s.min_delinquent_workload_fraction ?? 0.5,
    lead,
    candidates: (s.initial_rpu_candidates ?? [[16], [8], [32]]).map((c) => [...c]),
    sizes: [...(s.allowed_rpu_sizes ?? [4, 8, 16, 32])],
    maxAttempts: s.max_attempts_per_round ?? 10,
    spacing: s.min_candidate_spacing_s ?? lead,
  };
}

/**
 * Optimise scheduled spin-ups for every initial-RPU candidate in lock-step, so each batch
 * holds the work of all candidates. Returns one result per candidate, in candidate order.
 */
export async function optimizeSpinups<C extends TunableConfig>(
  base: C,
  options: SpinupOptimizerOptions<C>,
): Promise<SpinupCandidateResult<C>[]> {
  const s = resolveSettings(options.settings);
  const { evaluator, objective, aggregation, record } = options;
  const join = (...parts: string[]) => [options.outDir, ...parts].join('/');
  const states: CandidateState<C>[] = s.candidates.map((rpus, index) => {
    const config = structuredClone(base);
    config.managed_cluster_pool_config.initial_rpus = [...rpus];
    return { index, initialRpus: rpus, config, baseline: null, done: false, rounds: [] };
  });
  for (const st of states)
    await record?.(`candidate_${st.index}/spinups/initial_config.yml`, st.config);

  const evaluate = async (configs: C[], labels: string[], dir: string) => {
    const runs = await evaluator.evaluate({
      set: 'train',
      configs,
      labels,
      outDir: dir,
      needTimelines: true,
    });
    options.onBatch?.(configs.length * evaluator.scenarioCount('train'));
    return runs;
  };

  /** Simulates, under `dir`, the candidates among `candidates` that have no baseline yet. */
  const fillBaselines = async (candidates: CandidateState<C>[], dir: string) => {
    const missing = candidates.filter((st) => st.baseline === null);
    if (missing.length === 0) return;
    const runs = await evaluate(
      missing.map((st) => st.config),
      missing.map((st) => `candidate_${st.index}`),
      dir,
    );
    missing.forEach((st, i) => {
      const row = runs[i] ?? [];
      st.baseline = {
        results: aggregateResults(
          row.map((r) => r.summary),
          aggregation,
        ),
        runs: row,
      };
    });
  };

  for (let round = 0; round < s.maxSpinups; round++) {
    const active = states.filter((st) => !st.done);
    if (active.length === 0) break;
    const roundDir = `round_${pad3(round)}`;
    await fillBaselines(active, join(roundDir, 'baselines'));

    // Placement times from each candidate's baseline runs.
    const times = new Map<CandidateState<C>, number[]>();
    const summaries = new Map<CandidateState<C>, RoundSummary>();
    for (const st of active) {
      await record?.(`candidate_${st.index}/spinups/${roundDir}/initial_config.yml`, st.config);
      const summary: RoundSummary = { round_idx: round, outcome: 'rejected', attempts: [] };
      summaries.set(st, summary);
      const maxClusters =
        st.config.managed_cluster_pool_config.max_clusters ?? Number.POSITIVE_INFINITY;
      if (plannedClusterCount(st.config) + 1 > maxClusters) {
        summary.outcome = 'max_clusters';
        continue;
      }
      const timelines = await Promise.all((st.baseline?.runs ?? []).map((r) => r.timeline()));
      const found = placementTimes(timelines, {
        threshold: objective.threshold,
        minDelinquentFraction: s.fraction,
        leadTimeS: s.lead,
        minSpacingS: s.spacing,
      }).slice(0, s.maxAttempts);
      // No sizes to try is the same as nothing to place.
      if (found.length === 0 || s.sizes.length === 0) summary.outcome = 'no_candidates';
      else times.set(st, found);
    }

    // Attempt waves: wave w tries every size at each pending candidate's w-th time.
    const accepted = new Set<CandidateState<C>>();
    for (let wave = 0; ; wave++) {
      const pending = [...times].filter(([st, list]) => !accepted.has(st) && wave < list.length);
      if (pending.length === 0) break;
      const configs: C[] = [];
      const labels: string[] = [];
      for (const [st, list] of pending) {
        for (const rpu of s.sizes) {
          configs.push(withSpinup(st.config, list[wave] as number, rpu));
          labels.push(`c${st.index}_a${wave}_rpu${rpu}`);
        }
      }
      const runs = await evaluate(configs, labels, join(roundDir, `attempt_wave_${pad3(wave)}`));
      pending.forEach(([st, list], p) => {
        const offset = p * s.sizes.length;
        const tried = s.sizes.map((_, k) => {
          const row = runs[offset + k] ?? [];
          return {
            row,
            results: aggregateResults(
              row.map((r) => r.summary),
              aggregation,
            ),
          };
        });
        const scored = tried.map((t) => scoredOf(t.results, objective.metric));
        const best = objective.idxOfBest(scored);
        const bestScore = scored[best] as { violation: number; cost: number };
        const baselineScore = scoredOf(st.baseline?.results as AggregatedResults, objective.metric);
        const win = objective.cmp(bestScore, baselineScore) < 0;
        (summaries.get(st) as RoundSummary).attempts.push({
          attempt_idx: wave,
          placement_time: list[wave] as number,
          outcome: win ? 'accepted' : 'rejected',
          best_rpu: s.sizes[best] as number,
          best_violation: bestScore.violation,
          best_cost: bestScore.cost,
        });
        if (win) {
          accepted.add(st);
          st.config = configs[offset + best] as C;
          const chosen = tried[best] as (typeof tried)[number];
          st.baseline = { results: chosen.results, runs: chosen.row };
        }
      });
    }

    for (const st of active) {
      const summary = summaries.get(st) as RoundSummary;
      if (accepted.has(st)) summary.outcome = 'accepted';
      else st.done = true;
      st.rounds.push(summary);
      await record?.(`candidate_${st.index}/spinups/${roundDir}/round_summary.yml`, summary);
      await record?.(`candidate_${st.index}/spinups/${roundDir}/final_config.yml`, st.config);
    }
  }

  // Candidates still lacking a baseline (max_spinups = 0) are simulated once.
  await fillBaselines(states, join('final_baselines'));
  const results: SpinupCandidateResult<C>[] = [];
  for (const st of states) {
    const train = (st.baseline as { results: AggregatedResults }).results;
    await record?.(`candidate_${st.index}/spinups/final_config.yml`, st.config);
    await record?.(`candidate_${st.index}/spinups/train_summary.yml`, train);
    results.push({
      index: st.index,
      initialRpus: st.initialRpus,
      config: st.config,
      train,
      rounds: st.rounds,
    });
  }
  return results;
}
