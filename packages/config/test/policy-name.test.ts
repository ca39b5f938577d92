import * as v from 'valibot';
import { AutoscalerConfigSchema, QueryRouterConfigSchema } from '../src/index.js';

test('custom:<name> is accepted for both policy fields and kept as written', () => {
  const router = v.parse(QueryRouterConfigSchema, { routing_policy_name: 'custom:sticky_v2' });
  expect(router.routing_policy_name).toBe('custom:sticky_v2');
  const scaler = v.parse(AutoscalerConfigSchema, { autoscaling_policy: 'custom:plan.1-a' });
  expect(scaler.autoscaling_policy).toBe('custom:plan.1-a');
});

test.each(['custom:', 'custom:has space', 'Custom:x', 'custom:a/b'])(
  'a malformed custom name %p is rejected, listing the built-ins and the custom form',
  (name) => {
    const r = v.safeParse(QueryRouterConfigSchema, { routing_policy_name: name });
    expect(r.success).toBe(false);
    expect(r.issues?.[0]?.expected).toContain('"least_loaded" | "custom:<name>"');
  },
);
