/**
 * Parameter sweeps: generate candidate points (grid, random, coordinate descent, adaptive
 * batch), simulate them on the training scenarios, rank with the threshold-aware comparator,
 * validate the top k and keep the best validated point.
 */
import { applyOverrides, InputError } from '@autoslo/config';
import type { Scored, SloObjective } from '@autoslo/core';
import { type AggregatedResults, aggregateResults, scoredOf } from './aggregated-results.js';
import {
  gridDigits,
  gridIndexOf,
  gridIndices,
  gridPoint,
  randomIndices,
  type SweepParams,
  type SweepPoint,
} from './sweep-points.js';
import type { ScenarioSummary, TuningPhaseOptions } from './types.js';

export const SWEEP_STRATEGIES = ['grid', 'random', 'coordinate_descent', 'adaptive_batch'] as const;

/** `param_sweep_config`, snake_case as in tuner configs; absent keys take the reference defaults. */
export interface ParamSweepSettings {
  readonly params?: SweepParams;
  readonly strategy?: string;
  readonly val_top_k?: number;
  readonly budget?: number;
  readonly seed?: number;
  readonly max_cycles?: number;
  readonly starting_point?: Readonly<Record<string, unknown>> | null;
  readonly max_rounds?: number;
  readonly beam_size?: number;
  readonly min_sigma_fraction?: number;
  readonly exploration_multiplier?: number;
}

/** One evaluated point as written to `sweep_results.json`. */
export interface SweepPointResult {
  grid_point: number;
  params: SweepPoint;
  train_violation_agg: number;
  train_cost_agg: number;
  train_rank: number;
  val_primary_violation_agg: number | null;
  val_cost_agg: number | null;
  train_violation_rate: number;
  train_violation_amount_s: number;
  train_violation_relative_mean: number;
  val_violation_rate: number | null;
  val_violation_amount_s: number | null;
  val_violation_relative_mean: number | null;
  /** Training scenarios behind the train figures (fewer for points an adaptive sweep dropped early). */
  train_scenarios: number;
}

export interface SweepResultsFile {
  best_grid_point: number;
  best_params: SweepPoint;
  strategy: string;
  grid_results: SweepPointResult[];
}

export interface SweepOutcome<C> {
  readonly finalConfig: C;
  readonly bestParams: SweepPoint;
  readonly bestTrain: AggregatedResults;
  readonly bestVal: AggregatedResults;
  readonly file: SweepResultsFile;
}

/** Simulations go under `<outDir>/train/...` and `<outDir>/val/...`. */
export interface ParamSweepOptions<C> extends TuningPhaseOptions<C> {
  readonly settings: ParamSweepSettings;
}

/** A point's training results; `scenarios` counts the training scenarios behind them. */
interface Evaluated {
  index: number;
  results: AggregatedResults;
  scenarios: number;
  /** Adaptive sweeps: the rung a point was dropped at (points surviving all rungs: Infinity). */
  survivedTo: number;
}

function checkStrategy(strategy: string): void {
  if (!(SWEEP_STRATEGIES as readonly string[]).includes(strategy)) {
    throw new InputError({
      path: 'param_sweep_config.strategy',
      message: 'unknown sweep strategy',
      expected: SWEEP_STRATEGIES.join(' | '),
      received: JSON.stringify(strategy),
    });
  }
}

/**
 * Run one sweep from `base`. Returns the base with the best validated point applied.
 * @throws InputError for an unknown strategy or an empty value list.
 */
export async function runParamSweep<C extends object>(
  base: C,
  options: ParamSweepOptions<C>,
): Promise<SweepOutcome<C>> {
  const { settings, evaluator, objective, aggregation, record } = options;
  const params = settings.params ?? {};
  const strategy = settings.strategy ?? 'grid';
  checkStrategy(strategy);
  for (const [key, values] of Object.entries(params)) {
    if (!Array.isArray(values) || values.length === 0) {
      throw new InputError({
        path: `param_sweep_config.params.${key}`,
        message: 'needs a non-empty list of values',
      });
    }
  }
  const configOf = (index: number) => applyOverrides(base, gridPoint(params, index));
  const score = (r: AggregatedResults): Scored => scoredOf(r, objective.metric);
  const trainCount = evaluator.scenarioCount('train');

  /** Evaluate grid points on all (or some) training scenarios in one batch. */
  const evaluateTrain = async (indices: readonly number[], dir: string, scenarios?: number[]) => {
    if (indices.length === 0) return [];
    const runs = await evaluator.evaluate({
      set: 'train',
      configs: indices.map(configOf),
      labels: indices.map((i) => `grid_point_${i}`),
      outDir: `${options.outDir}/${dir}`,
      ...(scenarios ? { scenarios } : {}),
    });
    options.onBatch?.(indices.length * (scenarios?.length ?? trainCount));
    return runs.map((row) => row.map((r) => r.summary));
  };

  let evaluated: Evaluated[];
  if (strategy === 'coordinate_descent') {
    evaluated = await coordinateDescent(
      params,
      settings,
      evaluateTrain,
      aggregation,
      score,
      objective,
    );
  } else if (strategy === 'adaptive_batch') {
    evaluated = await adaptiveBatch(
      params,
      settings,
      evaluateTrain,
      aggregation,
      score,
      objective,
      trainCount,
    );
  } else {
    const indices =
      strategy === 'random'
        ? randomIndices(params, settings.budget ?? 20, settings.seed ?? 42)
        : gridIndices(params);
    const rows = await evaluateTrain(indices, 'train');
    evaluated = indices.map((index, i) => ({
      index,
      results: aggregateResults(rows[i] ?? [], aggregation),
      scenarios: trainCount,
      survivedTo: Number.POSITIVE_INFINITY,
    }));
  }

  // Rank: points that saw more of the training set first (adaptive), then by the comparator.
  const order = rankEvaluated(evaluated, score, objective);
  const topK = order
    .slice(0, Math.max(1, settings.val_top_k ?? 10))
    .map((i) => evaluated[i] as Evaluated);
  const valRuns = await evaluator.evaluate({
    set: 'val',
    configs: topK.map((e) => configOf(e.index)),
    labels: topK.map((e) => `grid_point_${e.index}`),
    outDir: `${options.outDir}/val`,
  });
  options.onBatch?.(topK.length * evaluator.scenarioCount('val'));
  const valResults = valRuns.map((row) =>
    aggregateResults(
      row.map((r) => r.summary),
      aggregation,
    ),
  );
  const bestK = objective.idxOfBest(valResults.map(score));
  const best = topK[bestK] as Evaluated;
  const bestVal = valResults[bestK] as AggregatedResults;

  const rankOf = new Map<number, number>(
    order.map((i, rank) => [(evaluated[i] as Evaluated).index, rank]),
  );
  const valOf = new Map<number, AggregatedResults>(
    topK.map((e, k) => [e.index, valResults[k] as AggregatedResults]),
  );
  const gridResults = evaluated.map((e) =>
    pointResult(e, rankOf, valOf.get(e.index) ?? null, params, score),
  );
  const file: SweepResultsFile = {
    best_grid_point: best.index,
    best_params: gridPoint(params, best.index),
    strategy,
    grid_results: gridResults,
  };
  const finalConfig = configOf(best.index);
  await record?.('initial_config.yml', base);
  await record?.('sweep_results.json', file);
  await record?.('final_config.yml', finalConfig);
  await record?.('best_train_summary.yml', best.results);
  await record?.('best_val_summary.yml', bestVal);
  return { finalConfig, bestParams: file.best_params, bestTrain: best.results, bestVal, file };
}

function rankEvaluated(
  evaluated: readonly Evaluated[],
  score: (r: AggregatedResults) => Scored,
  objective: SloObjective,
): number[] {
  const byComparator = objective.rankIndices(evaluated.map((e) => score(e.results)));
  const position = new Map(byComparator.map((i, rank) => [i, rank]));
  return evaluated
    .map((_, i) => i)
    .sort((a, b) => {
      const ea = evaluated[a] as Evaluated;
      const eb = evaluated[b] as Evaluated;
      if (ea.survivedTo !== eb.survivedTo) return eb.survivedTo - ea.survivedTo;
      return (position.get(a) as number) - (position.get(b) as number);
    });
}

function pointResult(
  e: Evaluated,
  rankOf: ReadonlyMap<number, number>,
  val: AggregatedResults | null,
  params: SweepParams,
  score: (r: AggregatedResults) => Scored,
): SweepPointResult {
  const train = score(e.results);
  const valScore = val ? score(val) : null;
  return {
    grid_point: e.index,
    params: gridPoint(params, e.index),
    train_violation_agg: train.violation,
    train_cost_agg: train.cost,
    train_rank: rankOf.get(e.index) as number,
    val_primary_violation_agg: valScore?.violation ?? null,
    val_cost_agg: valScore?.cost ?? null,
    train_violation_rate: e.results.violation_rate,
    train_violation_amount_s: e.results.violation_amount_s,
    train_violation_relative_mean: e.results.violation_relative_mean,
    val_violation_rate: val?.violation_rate ?? null,
    val_violation_amount_s: val?.violation_amount_s ?? null,
    val_violation_relative_mean: val?.violation_relative_mean ?? null,
    train_scenarios: e.scenarios,
  };
}

type TrainBatch = (
  indices: readonly number[],
  dir: string,
  scenarios?: number[],
) => Promise<ScenarioSummary[][]>;

/**
 * One parameter at a time from the starting point (default: each list's middle value), all
 * its values with the others fixed, keeping the comparator's best; cycles until nothing
 * changes or `max_cycles`. Evaluated points are memoised by grid index.
 */
async function coordinateDescent(
  params: SweepParams,
  settings: ParamSweepSettings,
  evaluateTrain: TrainBatch,
  aggregation: string,
  score: (r: AggregatedResults) => Scored,
  objective: SloObjective,
): Promise<Evaluated[]> {
  const keys = Object.keys(params);
  const lists = Object.values(params);
  const digits = keys.map((key, k) => {
    const values = lists[k] as readonly unknown[];
    const start = settings.starting_point?.[key];
    if (start === undefined) return Math.floor(values.length / 2);
    const at = values.findIndex((v) => JSON.stringify(v) === JSON.stringify(start));
    if (at < 0) {
      throw new InputError({
        path: `param_sweep_config.starting_point.${key}`,
        message: 'the starting value is not one of the swept values',
        received: JSON.stringify(start),
      });
    }
    return at;
  });
  const memo = new Map<number, Evaluated>();
  const cycles = settings.max_cycles ?? 3;
  if (keys.length === 0) {
    const rows = await evaluateTrain([0], 'train/cycle_0');
    return [
      {
        index: 0,
        results: aggregateResults(rows[0] ?? [], aggregation),
        scenarios: rows[0]?.length ?? 0,
        survivedTo: Infinity,
      },
    ];
  }
  for (let cycle = 0; cycle < cycles; cycle++) {
    let changed = false;
    for (let k = 0; k < keys.length; k++) {
      const options = (lists[k] as readonly unknown[]).map((_, v) => {
        const d = [...digits];
        d[k] = v;
        return gridIndexOf(params, d);
      });
      const fresh = options.filter((i) => !memo.has(i));
      const dir = `train/cycle_${cycle}/${(keys[k] as string).replaceAll('.', '_')}`;
      const rows = await evaluateTrain(fresh, dir);
      fresh.forEach((index, i) => {
        const row = rows[i] ?? [];
        memo.set(index, {
          index,
          results: aggregateResults(row, aggregation),
          scenarios: row.length,
          survivedTo: Infinity,
        });
      });
      const best = objective.idxOfBest(
        options.map((i) => score((memo.get(i) as Evaluated).results)),
      );
      const bestDigit = gridDigits(params, options[best] as number)[k] as number;
      if (bestDigit !== digits[k]) {
        digits[k] = bestDigit;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return [...memo.values()];
}

/**
 * Successive halving over scenarios (this project's design of `adaptive_batch`): every grid
 * point first runs on a small prefix of the training scenarios; after each rung only the best
 * `max(beam_size, ceil(n / exploration_multiplier))` points go on, and the prefix grows by the
 * same factor until the last rung uses every training scenario. Runs already done are reused
 * (rungs only add scenarios), so a point's cost is the scenarios it reached.
 */
async function adaptiveBatch(
  params: SweepParams,
  settings: ParamSweepSettings,
  evaluateTrain: TrainBatch,
  aggregation: string,
  score: (r: AggregatedResults) => Scored,
  objective: SloObjective,
  trainCount: number,
): Promise<Evaluated[]> {
  const eta = Math.max(1.5, settings.exploration_multiplier ?? 2);
  const beam = Math.max(1, settings.beam_size ?? 3);
  const rounds = Math.max(1, settings.max_rounds ?? 5);
  const rungs: number[] = [];
  for (let r = rounds - 1; r >= 0; r--) {
    const m = Math.max(1, Math.ceil(trainCount / eta ** r));
    if (rungs[rungs.length - 1] !== m) rungs.push(Math.min(trainCount, m));
  }
  const runs = new Map<number, ScenarioSummary[]>();
  const evaluated = new Map<number, Evaluated>();
  let alive = gridIndices(params);
  let done = 0;
  for (let r = 0; r < rungs.length; r++) {
    const m = rungs[r] as number;
    const scenarios = Array.from({ length: m - done }, (_, i) => done + i);
    const rows = await evaluateTrain(alive, `train/rung_${r}`, scenarios);
    alive.forEach((index, i) => {
      const all = [...(runs.get(index) ?? []), ...(rows[i] ?? [])];
      runs.set(index, all);
      evaluated.set(index, {
        index,
        results: aggregateResults(all, aggregation),
        scenarios: m,
        survivedTo: r,
      });
    });
    done = m;
    if (r === rungs.length - 1) break;
    const ranked = objective.rankIndices(
      alive.map((i) => score((evaluated.get(i) as Evaluated).results)),
    );
    const keep = Math.max(beam, Math.ceil(alive.length / eta));
    alive = ranked.slice(0, keep).map((k) => alive[k] as number);
  }
  return [...evaluated.values()];
}
