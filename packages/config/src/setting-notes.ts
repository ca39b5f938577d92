/**
 * Settings a config may carry (the reference's files do) that have no effect here, or that
 * mean something else here than in the reference: each is accepted, and a config that sets it
 * gets a warning at its line, so nobody believes a key acts when it does not.
 */
import type { InputIssue } from './errors.js';
import { LEGACY_AUTOSCALING_POLICIES } from './schemas/autoscaler-config.js';
import { type PathKey, parseYamlTree } from './yaml-tree.js';

const NO_CACHE_MODEL =
  'the simulator and the router have no cache model: `cache_aware` routes as `use_iconq_model`';

/** Keys of an execution config that nothing here reads, with why (docs/configuration.md lists them). */
export const NO_EFFECT_EXECUTION_KEYS: readonly { path: PathKey[]; why: string }[] = [
  {
    path: ['provisioner_config', 'aws_config_path'],
    why: "region, profile and credentials come from the AWS SDK's standard chain (environment, ~/.aws, SSO, instance role)",
  },
  {
    path: ['workload_runner_config', 'schema_name'],
    why: "each query's schema is the first part of its query_text_id, which picks its SQL under query_texts/<schema>/",
  },
  {
    path: ['managed_cluster_pool_config', 'maxconns'],
    why: 'live runs go through the Data API, one statement per query: there is no connection pool to size',
  },
  { path: ['query_router_config', 'cluster_cache_state_update_alpha'], why: NO_CACHE_MODEL },
  { path: ['query_router_config', 'cache_risk_cost_multiplier'], why: NO_CACHE_MODEL },
  { path: ['query_router_config', 'cache_risk_coverage'], why: NO_CACHE_MODEL },
  { path: ['query_router_config', 'cache_risk_epsilon'], why: NO_CACHE_MODEL },
];

/** Keys of a tuner config that nothing here reads, with why. */
export const NO_EFFECT_TUNER_KEYS: readonly { path: PathKey[]; why: string }[] = [
  {
    path: ['sampling_config', 'forecaster_config', 'fixed_queries_per_hour'],
    why: 'the forecaster always takes hourly counts from the history',
  },
  {
    path: ['sampling_config', 'forecaster_config', 'rescale_factor'],
    why: "scenario days are rescaled by the initial config's workload_config.rescale_factor",
  },
  ...(['autoscaling_param_sweep', 'query_routing_param_sweep'] as const).map((sweep) => ({
    path: [sweep, 'param_sweep_config', 'min_sigma_fraction'],
    why: '`adaptive_batch` narrows its search by its beam, not by a minimum width',
  })),
];

const LEGACY_NOTE =
  "the reference's older policy of that name used a tumbling window and replayed each window once from its start, with no spin-up delay and no baseline; it runs here as `%s` (sliding window, replay with the spin-up delay, against a no-action baseline), so its decisions and results differ";

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function valueAt(doc: unknown, path: readonly PathKey[]): unknown {
  let node = doc;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key as string];
  }
  return node;
}

/**
 * Warnings for the settings of `text` (an execution or tuner config as written) that have no
 * effect here or act differently than in the reference. Empty when the text does not parse
 * (its errors are reported elsewhere).
 */
export function settingNotes(
  text: string,
  file: string,
  kind: 'execution-config' | 'tuner-config',
): InputIssue[] {
  const tree = parseYamlTree(text);
  if (tree.problems.length > 0) return [];
  const notes: InputIssue[] = [];
  const note = (path: readonly PathKey[], message: string) => {
    const found = tree.locate(path);
    const offset = found?.location.key?.[0] ?? found?.location.value[0] ?? 0;
    notes.push({ file, ...lineColumn(text, offset), path: path.join('.'), message });
  };
  // One line for all of them (the reference's files set several): where the first is, which
  // they are, and where the reasons are written down.
  const keys = kind === 'execution-config' ? NO_EFFECT_EXECUTION_KEYS : NO_EFFECT_TUNER_KEYS;
  const set = keys.filter(({ path }) => valueAt(tree.value, path) !== undefined);
  if (set.length > 0) {
    const names = set.map(({ path }) => path.join('.'));
    note(
      set[0]?.path ?? [],
      `${set.length === 1 ? 'has' : `and ${names.slice(1).join(', ')} have`} no effect here, accepted for compatibility with the reference (why: docs/configuration.md, "Keys without effect")`,
    );
  }
  if (kind === 'execution-config') {
    const routing = ['query_router_config', 'routing_policy_name'];
    if (valueAt(tree.value, routing) === 'cache_aware')
      note(routing, `cache_aware: ${NO_CACHE_MODEL}`);
    const policyPath = ['autoscaler_config', 'autoscaling_policy'];
    const policy = valueAt(tree.value, policyPath);
    if (typeof policy === 'string' && policy in LEGACY_AUTOSCALING_POLICIES) {
      const now = LEGACY_AUTOSCALING_POLICIES[policy as keyof typeof LEGACY_AUTOSCALING_POLICIES];
      note(policyPath, `${policy} is renamed ${now}: ${LEGACY_NOTE.replace('%s', now)}`);
    }
  }
  return notes;
}
