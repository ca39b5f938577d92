/** Routing policies by name: the built-ins and every `registerRoutingPolicy` call. */
import { type CustomPolicyName, PolicyRegistry } from '../control/policy-registry.js';
import { BUILTIN_ROUTING_POLICIES } from './builtin-routing-policies.js';
import type { RoutingPolicyFactory } from './routing-policy.js';

export const routingPolicies = new PolicyRegistry<RoutingPolicyFactory>(
  'routing policy',
  'query_router_config.routing_policy_name',
  'registerRoutingPolicy',
  BUILTIN_ROUTING_POLICIES,
);

/**
 * Makes `name` (`custom:<name>`) usable as `query_router_config.routing_policy_name` in
 * this thread. Registering again replaces the factory.
 */
export function registerRoutingPolicy(name: CustomPolicyName, factory: RoutingPolicyFactory): void {
  routingPolicies.register(name, factory);
}

export function unregisterRoutingPolicy(name: CustomPolicyName): boolean {
  return routingPolicies.unregister(name);
}
