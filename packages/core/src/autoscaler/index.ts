export { Autoscaler, type AutoscalerDeps } from './autoscaler.js';
export {
  AUTOSCALING_POLICY_NAMES,
  type AutoscalerConfigInput,
  type AutoscalerSettings,
  type AutoscalingPolicyName,
  resolveAutoscalerSettings,
  TRIGGER_POLICY_NAMES,
  type TriggerPolicyName,
} from './autoscaler-settings.js';
export type {
  AutoscalerAction,
  AutoscalingPolicy,
  AutoscalingPolicyContext,
  AutoscalingPolicyFactory,
  AutoscalingRequest,
} from './autoscaling-policy.js';
export {
  autoscalingPolicies,
  registerAutoscalingPolicy,
  unregisterAutoscalingPolicy,
} from './autoscaling-policy-registry.js';
export { type AutoSloPolicyName, AutoSloScalingPolicy } from './autoslo-scaling-policy.js';
export { BUILTIN_AUTOSCALING_POLICIES } from './builtin-autoscaling-policies.js';
export {
  type CandidateOutcome,
  type CounterfactualInput,
  type CounterfactualResult,
  chooseRpuForward,
} from './forward-counterfactual.js';
export { idleTeardowns } from './idle-teardown.js';
export * as peerPolicies from './peer-policies.js';
export { type PeerPolicyName, PeerScalingPolicy } from './peer-scaling-policy.js';
export { type CompletionRecord, TrailingWindow } from './trailing-window.js';
export { TriggerEvaluator, type TriggerVerdict } from './trigger-evaluator.js';
