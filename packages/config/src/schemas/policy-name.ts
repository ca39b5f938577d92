/**
 * A policy name field: one of the built-in names, or `custom:<name>` for a policy a user
 * registered with @autoslo/core (`registerRoutingPolicy`, `registerAutoscalingPolicy`).
 * Custom names are checked for form here and resolved when a run starts.
 */
import * as v from 'valibot';

export type CustomPolicyName = `custom:${string}`;

const CUSTOM_POLICY_NAME = /^custom:[A-Za-z0-9_.-]+$/;

export function isCustomPolicyName(x: unknown): x is CustomPolicyName {
  return typeof x === 'string' && CUSTOM_POLICY_NAME.test(x);
}

export function policyNameSchema<const T extends readonly [string, ...string[]]>(names: T) {
  // Listed in messages after the built-ins: `expected ("a" | "b" | "custom:<name>")`.
  const custom = { ...v.custom<CustomPolicyName>(isCustomPolicyName), expects: '"custom:<name>"' };
  const builtin = v.picklist(names);
  return v.union([
    { ...builtin, expects: builtin.options.map((n) => JSON.stringify(n)).join(' | ') },
    custom,
  ]);
}
