/** Autoscaling policies by name: the built-ins and every `registerAutoscalingPolicy` call. */
import { type CustomPolicyName, PolicyRegistry } from '../control/policy-registry.js';
import type { AutoscalingPolicyFactory } from './autoscaling-policy.js';
import { BUILTIN_AUTOSCALING_POLICIES } from './builtin-autoscaling-policies.js';

export const autoscalingPolicies = new PolicyRegistry<AutoscalingPolicyFactory>(
  'autoscaling policy',
  'autoscaler_config.autoscaling_policy',
  'registerAutoscalingPolicy',
  BUILTIN_AUTOSCALING_POLICIES,
);

/**
 * Makes `name` (`custom:<name>`) usable as `autoscaler_config.autoscaling_policy` in this
 * thread. Registering again replaces the factory.
 */
export function registerAutoscalingPolicy(
  name: CustomPolicyName,
  factory: AutoscalingPolicyFactory,
): void {
  autoscalingPolicies.register(name, factory);
}

export function unregisterAutoscalingPolicy(name: CustomPolicyName): boolean {
  return autoscalingPolicies.unregister(name);
}
