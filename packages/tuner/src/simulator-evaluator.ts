/**
 * The tuner's default evaluator: the simulator's `evaluateBatch` on worker threads. Batches
 * whose per-query timelines are needed (the spin-up optimizer's) are written as run
 * directories, `<outDir>/<workload id>/<label>/` (evaluateBatch's workload-first layout), and
 * their timelines are read back from `structured_log.parquet`; other batches only return
 * their summaries, which keeps a 64-point sweep cheap.
 */
import { join } from 'node:path';
import type { ExecutionConfig } from '@autoslo/config';
import {
  extractQueryLatencies,
  readStructuredLog,
  type SloObjective,
  type SloResolver,
  STRUCTURED_LOG_FILENAME,
} from '@autoslo/core';
import { type BatchExecutor, evaluateBatch } from '@autoslo/simulator';
import { configForScenario, requestedScenarios, resolverCache } from './scenario-batch.js';
import type { Scenario, ScenarioSets } from './scenario-sets.js';
import type {
  EvaluationRequest,
  QueryTimeline,
  ScenarioRun,
  ScenarioSetEvaluator,
  ScenarioSetName,
} from './types.js';

export interface SimulatorEvaluatorOptions {
  readonly dataDir: string;
  /** The tuning objective: its metric scores each query for the spin-up optimizer. */
  readonly objective: SloObjective;
  /** Worker threads (default: one per core); 0 simulates in this thread. */
  readonly threads?: number;
  /** Write the run directory of every simulation, not only those whose timelines are read. */
  readonly writeAllRuns?: boolean;
  /**
   * Batches smaller than this run in this thread: starting workers and sending them the
   * scenarios costs more than a few simulations. Default 24.
   */
  readonly minTasksForWorkers?: number;
  /**
   * Modules registering the `custom:` policies the configs name, imported by every worker
   * thread (and this one) before simulating: see `EvaluateBatchOptions.policyModules`.
   */
  readonly policyModules?: readonly string[];
  /**
   * Runs each batch instead of `evaluateBatch` on local worker threads (a distributed
   * executor); it gets the same options and must write the same run directories.
   */
  readonly executor?: BatchExecutor;
}

async function timelineOf(
  runDir: string,
  resolver: SloResolver,
  objective: SloObjective,
): Promise<QueryTimeline> {
  const file = join(runDir, STRUCTURED_LOG_FILENAME);
  const q = extractQueryLatencies(await readStructuredLog(file), { file });
  const violation = new Float64Array(q.length);
  for (let i = 0; i < q.length; i++) {
    violation[i] = objective.violation(q.latencyS[i] as number, resolver.sloFor(q.queryTextId[i]));
  }
  return { arrivalS: q.arrivalS, completionS: q.completionS, violation };
}

export function simulatorEvaluator(
  sets: ScenarioSets,
  options: SimulatorEvaluatorOptions,
): ScenarioSetEvaluator<ExecutionConfig> {
  const resolverOf = resolverCache(options.dataDir);
  return {
    scenarioCount: (set: ScenarioSetName) => sets[set].length,
    async evaluate(request: EvaluationRequest<ExecutionConfig>): Promise<ScenarioRun[][]> {
      const scenarios = requestedScenarios(sets, request);
      if (request.configs.length === 0 || scenarios.length === 0)
        return request.configs.map(() => []);
      // The workload section names the scenario; it is the same for every scenario of a set
      // except the name, so the first scenario's stands in (the worker gets the trace itself).
      const configs = request.configs.map((c) => configForScenario(c, scenarios[0] as Scenario));
      const write = request.needTimelines === true || options.writeAllRuns === true;
      const summaries = await (options.executor ?? evaluateBatch)({
        configs,
        workloads: scenarios.map((s) => s.workload),
        dataDir: options.dataDir,
        configIds: request.labels,
        ...(options.policyModules !== undefined ? { policyModules: options.policyModules } : {}),
        ...(write ? { outRoot: request.outDir } : {}),
        ...(configs.length * scenarios.length < (options.minTasksForWorkers ?? 24)
          ? { threads: 0 }
          : options.threads !== undefined
            ? { threads: options.threads }
            : {}),
      });
      return summaries.map((row, c) =>
        row.map((summary, w) => {
          const dir = write
            ? join(
                request.outDir,
                (scenarios[w] as Scenario).workload.id,
                request.labels[c] as string,
              )
            : null;
          const config = request.configs[c] as ExecutionConfig;
          return {
            summary,
            dir,
            timeline: async () => {
              if (dir === null)
                throw new Error('this batch kept no run directories; ask with needTimelines');
              return timelineOf(dir, resolverOf(config), options.objective);
            },
          };
        }),
      );
    },
  };
}
