export {
  type ExecutionPlan,
  type PlanAction,
  type PlannedRun,
  type PlanOptions,
  planExecution,
} from './plan-execution.js';
