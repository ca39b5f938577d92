export {
  type CandidateScore,
  QueryRouter,
  ROUTING_POLICY_NAMES,
  type RoutingDecision,
  type RoutingPolicyName,
  runningQueryOn,
} from './query-router.js';
