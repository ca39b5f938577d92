/**
 * The phased tuning pipeline (reference A.4): 02 workloads, 03 baseline, 04 spin-ups (per
 * initial-RPU candidate, chosen on validation), 05 autoscaling sweep, 06 routing sweep,
 * 07 final. Everything lands in `tuner_runs/<name>/`; the tuned config is published to
 * `execution_configs/tuned/<name>.yml` last, atomically, so an interrupted run never
 * looks complete and a rerun starts over.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DataDir,
  type ExecutionConfig,
  pathExists,
  type TunerConfig,
  writeFileAtomic,
} from '@autoslo/config';
import { SloObjective } from '@autoslo/core';
import type { BatchExecutor } from '@autoslo/simulator';
import { type AggregatedResults, aggregateResults, scoredOf } from './aggregated-results.js';
import { artifactRecorder } from './artifact-recorder.js';
import { runParamSweep, type SweepOutcome } from './param-sweep.js';
import { PhaseTimer, type PhaseTiming, parseTimingReport } from './phase-timer.js';
import { prepareScenarios, type ScenarioSets } from './scenario-sets.js';
import { simulatorEvaluator } from './simulator-evaluator.js';
import { optimizeSpinups } from './spinup-optimizer.js';
import { gridSize } from './sweep-points.js';
import { textTable } from './text-table.js';
import type { ScenarioSetEvaluator } from './types.js';
import { dumpYaml } from './yaml-dump.js';

/** A progress sink per phase (the CLI passes its progress bar factory). */
export interface PhaseProgress {
  tick(step?: number): void;
  done(): void;
}

export interface TuningRunSpec {
  /** The run name: the manifest key, or `makeRunId([exec stem, tuner stem], params)`. */
  readonly name: string;
  /** Both configs as loaded, placeholders substituted. */
  readonly initialConfig: ExecutionConfig;
  readonly tunerConfig: TunerConfig;
}

export interface TuneOptions {
  readonly dataDir: string;
  /** Re-run even when the tuned config is already published. */
  readonly force?: boolean;
  /** Builds the batch evaluator once the scenarios exist (default: {@link simulatorEvaluator}). */
  readonly evaluatorFor?: (
    sets: ScenarioSets,
    runDir: string,
  ) => ScenarioSetEvaluator<ExecutionConfig>;
  /** Worker threads for the default evaluator (default: one per core). */
  readonly threads?: number;
  /**
   * Modules registering the `custom:` policies the configs name, for the default evaluator's
   * worker threads (`evaluateBatch`'s `policyModules`); a custom `evaluatorFor` loads its own.
   */
  readonly policyModules?: readonly string[];
  /**
   * Runs the default evaluator's batches instead of local worker threads (a distributed
   * executor such as `@autoslo/distributed`'s); outputs are the same either way.
   */
  readonly executor?: BatchExecutor;
  readonly progress?: (label: string, total: number) => PhaseProgress;
  readonly log?: (line: string) => void;
}

export interface TuningRunResult {
  readonly name: string;
  readonly status: 'completed' | 'skipped';
  readonly runDir: string;
  readonly publishedPath: string;
  readonly phases: readonly PhaseTiming[];
  readonly finalConfig?: ExecutionConfig;
  readonly initialTrain?: AggregatedResults;
  readonly initialVal?: AggregatedResults;
  readonly finalTrain?: AggregatedResults;
  readonly finalVal?: AggregatedResults;
}

/** Whether `tuned/<name>.yml` exists (the run counts as complete). */
export async function isTuningRunPublished(name: string, dataDir: string): Promise<boolean> {
  return pathExists(new DataDir(dataDir).tunedConfig(name));
}

/** The phases of a run's `timing_report.csv`; empty when there is none. */
export async function readTimingReport(name: string, dataDir: string): Promise<PhaseTiming[]> {
  try {
    return parseTimingReport(
      await readFile(join(new DataDir(dataDir).tunerRun(name), 'timing_report.csv'), 'utf8'),
    );
  } catch {
    return [];
  }
}

const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : String(x));

function comparisonLines(title: string, rows: readonly [string, AggregatedResults][]): string[] {
  return [
    title,
    ...textTable(
      ['', 'violation_rate', 'violation_amount_s', 'cost'],
      rows.map(([label, r]) => [
        label,
        fmt(r.violation_rate),
        fmt(r.violation_amount_s),
        fmt(r.cost),
      ]),
    ),
  ];
}

/**
 * Runs one tuning run end to end, or skips it when its config is already published (unless
 * `force`). Old outputs of the run are removed before it starts.
 * @throws InputError for bad configs or missing workloads; anything else is a failure.
 */
export async function runTuning(
  spec: TuningRunSpec,
  options: TuneOptions,
): Promise<TuningRunResult> {
  const data = new DataDir(options.dataDir);
  const runDir = data.tunerRun(spec.name);
  const publishedPath = data.tunedConfig(spec.name);
  if (!options.force && (await pathExists(publishedPath))) {
    return {
      name: spec.name,
      status: 'skipped',
      runDir,
      publishedPath,
      phases: await readTimingReport(spec.name, options.dataDir),
    };
  }
  await rm(publishedPath, { force: true });
  await rm(runDir, { recursive: true, force: true });

  const consoleLines: string[] = [];
  const log = (line: string) => {
    consoleLines.push(line);
    options.log?.(line);
  };
  const timer = new PhaseTimer();
  const tuner = spec.tunerConfig;
  const objective = SloObjective.fromConfig(tuner.slo_objective_config);
  const aggregation = tuner.sampling_config.aggregation_method;
  const record = artifactRecorder(runDir);
  const phaseProgress = (label: string, total: number) => {
    const bar = options.progress?.(label, total);
    return { onBatch: (runs: number) => bar?.tick(runs), done: () => bar?.done() };
  };

  try {
    await record('initial_execution_config.yml', spec.initialConfig);
    await record('tuner_config.yml', tuner);

    const sets = await timer.phase('02_workloads', 'Prepare workloads', async () => {
      const p = phaseProgress('02 workloads', 1);
      const prepared = await prepareScenarios(spec.initialConfig, tuner, {
        dataDir: options.dataDir,
        phaseDir: join(runDir, '02_workloads'),
      });
      p.done();
      log(
        `${spec.name}: ${prepared.train.length} train + ${prepared.val.length} validation scenarios (${prepared.mode})`,
      );
      return prepared;
    });
    const evaluator =
      options.evaluatorFor?.(sets, runDir) ??
      simulatorEvaluator(sets, {
        dataDir: options.dataDir,
        objective,
        ...(options.threads !== undefined ? { threads: options.threads } : {}),
        ...(options.policyModules !== undefined ? { policyModules: options.policyModules } : {}),
        ...(options.executor !== undefined ? { executor: options.executor } : {}),
      });
    const nTrain = sets.train.length;
    const nVal = sets.val.length;
    /** The options every search phase shares, for the phase directory `key`. */
    const phaseOptions = (key: string, onBatch: (runs: number) => void) => {
      const outDir = join(runDir, key);
      return {
        evaluator,
        objective,
        aggregation,
        outDir,
        record: artifactRecorder(outDir),
        onBatch,
      };
    };

    const baseline = await timer.phase('03_baseline', 'Baseline', async () => {
      const p = phaseProgress('03 baseline', nTrain + nVal);
      const outDir = join(runDir, '03_baseline', 'results');
      const results: AggregatedResults[] = [];
      for (const set of ['train', 'val'] as const) {
        const runs = await evaluator.evaluate({
          set,
          configs: [spec.initialConfig],
          labels: ['config_0'],
          outDir,
        });
        p.onBatch(runs[0]?.length ?? 0);
        const summary = aggregateResults(
          (runs[0] ?? []).map((r) => r.summary),
          aggregation,
        );
        await record(`03_baseline/${set}_summary.yml`, summary);
        results.push(summary);
      }
      p.done();
      const [train, val] = results as [AggregatedResults, AggregatedResults];
      for (const line of comparisonLines('Baseline', [
        ['train', train],
        ['val', val],
      ]))
        log(line);
      return { train, val };
    });

    const spinups = await timer.phase('04_spinups', 'Spin-up scheduling', async () => {
      const settings = tuner.spinup_optimizer_config;
      const candidates = settings.initial_rpu_candidates.length;
      const perRound = settings.max_attempts_per_round * settings.allowed_rpu_sizes.length;
      const p = phaseProgress(
        '04 spin-ups',
        candidates * (1 + settings.max_spinups * perRound) * nTrain + candidates * nVal,
      );
      const phase = phaseOptions('04_spinups', p.onBatch);
      const results = await optimizeSpinups(spec.initialConfig, { ...phase, settings });
      const valRuns = await evaluator.evaluate({
        set: 'val',
        configs: results.map((r) => r.config),
        labels: results.map((r) => `candidate_${r.index}`),
        outDir: join(phase.outDir, 'val'),
      });
      p.onBatch(results.length * nVal);
      const val = valRuns.map((row) =>
        aggregateResults(
          row.map((r) => r.summary),
          aggregation,
        ),
      );
      const best = objective.idxOfBest(val.map((v) => scoredOf(v, objective.metric)));
      const chosen = results[best] as (typeof results)[number];
      await record('04_spinups/best_config.yml', chosen.config);
      await record('04_spinups/best_train_summary.yml', chosen.train);
      await record('04_spinups/best_val_summary.yml', val[best]);
      p.done();
      const rows: [string, AggregatedResults][] = [];
      results.forEach((r, i) => {
        const label = `candidate_${i} ${JSON.stringify(r.initialRpus)} +${r.config.scheduled_spinups.length} spin-ups`;
        rows.push([`${label} train${i === best ? ' *' : ''}`, r.train]);
        rows.push([`${label} val${i === best ? ' *' : ''}`, val[i] as AggregatedResults]);
      });
      for (const line of comparisonLines('Spin-up candidates (* = best on validation)', rows))
        log(line);
      return chosen.config;
    });

    const sweep = async (
      key: string,
      name: string,
      label: string,
      start: ExecutionConfig,
      phase: 'autoscaling_param_sweep' | 'query_routing_param_sweep',
    ) =>
      timer.phase(key, name, async (): Promise<SweepOutcome<ExecutionConfig>> => {
        const settings = tuner[phase].param_sweep_config;
        const points =
          settings.strategy === 'random'
            ? Math.min(settings.budget, gridSize(settings.params))
            : gridSize(settings.params);
        const p = phaseProgress(
          label,
          points * nTrain + Math.min(settings.val_top_k, points) * nVal,
        );
        const outcome = await runParamSweep(start, { ...phaseOptions(key, p.onBatch), settings });
        p.done();
        log(`${name}: best ${JSON.stringify(outcome.bestParams)}`);
        return outcome;
      });
    const autoscaling = await sweep(
      '05_autoscaling_param_sweep',
      'Autoscaling parameter sweep',
      '05 autoscaling sweep',
      spinups,
      'autoscaling_param_sweep',
    );
    const routing = await sweep(
      '06_routing_param_sweep',
      'Routing parameter sweep',
      '06 routing sweep',
      autoscaling.finalConfig,
      'query_routing_param_sweep',
    );

    const finalConfig = routing.finalConfig;
    await timer.phase('07_final', 'Final', async () => {
      await record('final_execution_config.yml', finalConfig);
      await record('07_final/train_summary.yml', routing.bestTrain);
      await record('07_final/val_summary.yml', routing.bestVal);
      for (const line of comparisonLines('Initial vs final, train', [
        ['initial', baseline.train],
        ['final', routing.bestTrain],
      ]))
        log(line);
      for (const line of comparisonLines('Initial vs final, validation', [
        ['initial', baseline.val],
        ['final', routing.bestVal],
      ]))
        log(line);
    });
    await writeFileAtomic(join(runDir, 'timing_report.csv'), timer.csv());
    await writeFileAtomic(join(runDir, 'console.log'), `${consoleLines.join('\n')}\n`);
    // Published last: its presence is what marks the run complete.
    await writeFileAtomic(publishedPath, dumpYaml(finalConfig));
    return {
      name: spec.name,
      status: 'completed',
      runDir,
      publishedPath,
      phases: timer.phases,
      finalConfig,
      initialTrain: baseline.train,
      initialVal: baseline.val,
      finalTrain: routing.bestTrain,
      finalVal: routing.bestVal,
    };
  } catch (error) {
    // Keep what the failed run measured; the run stays unpublished.
    await writeFileAtomic(join(runDir, 'timing_report.csv'), timer.csv()).catch(() => undefined);
    await writeFileAtomic(join(runDir, 'console.log'), `${consoleLines.join('\n')}\n`).catch(
      () => undefined,
    );
    throw error;
  }
}
