/**
 * `--policy-module PATH` (repeatable) for `simulate`, `execute` and `tune`: modules whose
 * top level registers `custom:<name>` routing or autoscaling policies. They are imported in
 * this process before anything runs, and their absolute paths are handed to the simulator so
 * every worker thread imports them too (a registration does not cross threads).
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError, isCustomPolicyName } from '@autoslo/config';
import { autoscalingPolicies, routingPolicies } from '@autoslo/core';
import { loadPolicyModules } from '@autoslo/simulator';
import type { OptionSpec, ParsedArgs } from '../command.js';

export const POLICY_MODULE_OPTIONS: OptionSpec = {
  'policy-module': { type: 'string', multiple: true },
};

export const POLICY_MODULE_USAGE = [
  '--policy-module PATH  import this module first (repeat for more): it registers custom:<name>',
  '                      policies with registerRoutingPolicy / registerAutoscalingPolicy of',
  '                      @autoslo/core; relative to the working directory; worker threads load it too',
].join('\n');

/**
 * Resolves each `--policy-module` against `cwd`, imports it here and returns the absolute
 * paths (for `evaluateBatch` / `runPlan` / `runTuning`). Empty when the flag is absent.
 * `warn` hears of a module that registered nothing here: most often it imports another copy
 * of `@autoslo/core` than the CLI's, whose registry the runs never see.
 * @throws InputError naming the module when it is missing or fails to import.
 */
export async function loadPolicyModuleFlags(
  values: ParsedArgs['values'],
  cwd: string,
  warn: (line: string) => void = () => undefined,
): Promise<string[]> {
  const given = (values['policy-module'] as string[] | undefined) ?? [];
  const paths = given.map((p) => resolve(cwd, p));
  for (const [i, path] of paths.entries()) {
    const file = given[i] as string;
    const isFile = await stat(path).then(
      (s) => s.isFile(),
      () => false,
    );
    if (!isFile)
      throw new InputError({ file, path: '--policy-module', message: `no such file (${path})` });
    const before = customPolicyNames();
    try {
      await loadPolicyModules([path]);
    } catch (error) {
      throw new InputError({
        file,
        path: '--policy-module',
        message: `the module failed to load: ${firstLine(error)}`,
      });
    }
    if (customPolicyNames() === before)
      warn(
        `warning: ${file} registered no custom: policy with the @autoslo/core this CLI uses (is it imported twice, or does it import another copy of @autoslo/core?)`,
      );
  }
  return paths;
}

/** Every registered `custom:` name, routing and autoscaling, as one comparable string. */
function customPolicyNames(): string {
  return [...routingPolicies.names(), ...autoscalingPolicies.names()]
    .filter(isCustomPolicyName)
    .join(' ');
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
