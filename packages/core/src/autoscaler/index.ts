export { Autoscaler, type AutoscalerAction, type AutoscalerDeps } from './autoscaler.js';
export {
  AUTOSCALING_POLICY_NAMES,
  type AutoscalerConfigInput,
  type AutoscalerSettings,
  type AutoscalingPolicyName,
  resolveAutoscalerSettings,
  TRIGGER_POLICY_NAMES,
  type TriggerPolicyName,
} from './autoscaler-settings.js';
export {
  type CandidateOutcome,
  type CounterfactualInput,
  type CounterfactualResult,
  chooseRpuForward,
} from './forward-counterfactual.js';
export * as peerPolicies from './peer-policies.js';
export { type CompletionRecord, TrailingWindow } from './trailing-window.js';
export { TriggerEvaluator, type TriggerVerdict } from './trigger-evaluator.js';
