/**
 * Custom routing and autoscaling policies for batch runs. A policy registered in the main
 * thread does not exist in a worker thread, so `evaluateBatch` takes the modules that
 * register them and imports each in every worker (and in this thread, to check names).
 */
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isCustomPolicyName } from '@autoslo/config';
import { autoscalingPolicies, routingPolicies } from '@autoslo/core';
import type { SimulationConfig } from './simulation-types.js';

/** Relative paths are taken from the working directory; package names and URLs as they are. */
export function policyModuleUrl(specifier: string): string {
  if (specifier.startsWith('file:') || specifier.startsWith('node:')) return specifier;
  if (isAbsolute(specifier) || specifier.startsWith('.'))
    return pathToFileURL(resolve(specifier)).href;
  return specifier;
}

/** Imports each module once (its top level calls `registerRoutingPolicy` and the like). */
export async function loadPolicyModules(specifiers: readonly string[]): Promise<void> {
  for (const s of specifiers) await import(policyModuleUrl(s));
}

/**
 * Fails before any worker starts when a config names a `custom:` policy that is not
 * registered here. @throws InputError naming the config key.
 */
export function checkCustomPolicyNames(configs: readonly SimulationConfig[]): void {
  for (const c of configs) {
    const routing = c.query_router_config?.routing_policy_name;
    if (routing !== undefined && isCustomPolicyName(routing)) routingPolicies.resolve(routing);
    const scaling = c.autoscaler_config?.autoscaling_policy;
    if (scaling !== undefined && isCustomPolicyName(scaling)) autoscalingPolicies.resolve(scaling);
  }
}
