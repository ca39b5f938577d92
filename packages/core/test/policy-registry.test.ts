import { InputError } from '@autoslo/config';
import {
  autoscalingPolicies,
  BUILTIN_AUTOSCALING_POLICIES,
  BUILTIN_ROUTING_POLICIES,
  DEFAULT_LATENCY_MODEL,
  QueryRouter,
  type RoutingPolicyFactory,
  registerRoutingPolicy,
  routingPolicies,
  SloObjective,
  unregisterRoutingPolicy,
} from '../src/index.js';

test('built-ins are entries of the same registries a custom policy goes into', () => {
  expect(routingPolicies.resolve('least_loaded')).toBe(BUILTIN_ROUTING_POLICIES.least_loaded);
  expect(autoscalingPolicies.resolve('snowflake_standard')).toBe(
    BUILTIN_AUTOSCALING_POLICIES.snowflake_standard,
  );
});

test('only custom:<name> can be registered, so a built-in is never replaced', () => {
  const factory = BUILTIN_ROUTING_POLICIES.round_robin;
  expect(() => registerRoutingPolicy('round_robin' as 'custom:x', factory)).toThrow(RangeError);
  expect(() => registerRoutingPolicy('custom:two words', factory)).toThrow(/custom:<name>/);
  expect(routingPolicies.resolve('round_robin')).toBe(factory);
});

test('a registered name resolves until it is unregistered, then names the config key', () => {
  const factory = BUILTIN_ROUTING_POLICIES.least_loaded;
  registerRoutingPolicy('custom:mine', factory);
  expect(routingPolicies.resolve('custom:mine')).toBe(factory);
  expect(routingPolicies.names()).toContain('custom:mine');
  expect(unregisterRoutingPolicy('custom:mine')).toBe(true);
  let error: unknown;
  try {
    routingPolicies.resolve('custom:mine');
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).issues[0]).toMatchObject({
    path: 'query_router_config.routing_policy_name',
    received: 'custom:mine',
  });
  expect((error as InputError).message).toContain(
    "no routing policy 'custom:mine' is registered in this process (call registerRoutingPolicy",
  );
});

test('the counterfactual router (fresh) builds its policy with the configured seed', () => {
  const seeds: number[] = [];
  const recordSeed: RoutingPolicyFactory = (context) => {
    seeds.push(context.seed);
    return BUILTIN_ROUTING_POLICIES.uniform_random(context);
  };
  const router = new QueryRouter(
    recordSeed,
    new SloObjective('binary', 0.05),
    DEFAULT_LATENCY_MODEL,
    0.375,
    7,
  );
  router.fresh();
  expect(seeds).toEqual([7, 7]);
});
