/**
 * Runs scenario batches with the simulator in this thread. Used by tests and small runs,
 * and as the reference point the worker-thread evaluator must agree with.
 */
import { join } from 'node:path';
import type { ExecutionConfig } from '@autoslo/config';
import type { SloObjective } from '@autoslo/core';
import { simulate } from '@autoslo/simulator';
import { QueryTimelineSink } from './query-timeline-sink.js';
import { configForScenario, requestedScenarios, resolverCache } from './scenario-batch.js';
import type { ScenarioSets } from './scenario-sets.js';
import type {
  EvaluationRequest,
  ScenarioRun,
  ScenarioSetEvaluator,
  ScenarioSetName,
} from './types.js';

export interface InProcessEvaluatorOptions {
  readonly dataDir: string;
  /** The tuning objective: its metric scores each query for the spin-up optimizer. */
  readonly objective: SloObjective;
  /** Write every run directory (`<outDir>/<label>/<workload id>/`); default false. */
  readonly writeRuns?: boolean;
}

export function inProcessEvaluator(
  sets: ScenarioSets,
  options: InProcessEvaluatorOptions,
): ScenarioSetEvaluator<ExecutionConfig> {
  const resolverOf = resolverCache(options.dataDir);
  return {
    scenarioCount: (set: ScenarioSetName) => sets[set].length,
    async evaluate(request: EvaluationRequest<ExecutionConfig>): Promise<ScenarioRun[][]> {
      const scenarios = requestedScenarios(sets, request);
      const rows: ScenarioRun[][] = [];
      for (const [c, config] of request.configs.entries()) {
        const row: ScenarioRun[] = [];
        for (const scenario of scenarios) {
          const sink = new QueryTimelineSink(resolverOf(config), options.objective);
          const dir = options.writeRuns
            ? join(request.outDir, request.labels[c] as string, scenario.workload.id)
            : undefined;
          const outcome = await simulate(configForScenario(config, scenario), scenario.workload, {
            dataDir: options.dataDir,
            sink,
            ...(dir ? { outDir: dir } : {}),
          });
          const timeline = sink.timeline();
          row.push({ summary: outcome.summary, dir: dir ?? null, timeline: async () => timeline });
        }
        rows.push(row);
      }
      return rows;
    },
  };
}
