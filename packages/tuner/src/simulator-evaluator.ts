/**
 * The evaluator the tuner uses by default. It runs the simulator in this thread until the
 * simulator's worker-thread `evaluateBatch` is wired in (see the package README).
 */
import type { ExecutionConfig } from '@autoslo/config';
import { type InProcessEvaluatorOptions, inProcessEvaluator } from './in-process-evaluator.js';
import type { ScenarioSets } from './scenario-sets.js';
import type { ScenarioSetEvaluator } from './types.js';

export function simulatorEvaluator(
  sets: ScenarioSets,
  options: InProcessEvaluatorOptions,
): ScenarioSetEvaluator<ExecutionConfig> {
  return inProcessEvaluator(sets, options);
}
