export { BUILTIN_ROUTING_POLICIES } from './builtin-routing-policies.js';
export {
  QueryRouter,
  ROUTING_POLICY_NAMES,
  type RoutingDecision,
  type RoutingPolicyName,
  runningQueryOn,
} from './query-router.js';
export type {
  CandidateScore,
  ClusterView,
  RoutingPolicy,
  RoutingPolicyContext,
  RoutingPolicyFactory,
  RoutingRequest,
} from './routing-policy.js';
export {
  registerRoutingPolicy,
  routingPolicies,
  unregisterRoutingPolicy,
} from './routing-policy-registry.js';
