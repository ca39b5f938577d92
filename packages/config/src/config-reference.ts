/**
 * The field reference of every file kind (key, type, default), rendered from the schemas
 * themselves so `docs/config.md` cannot drift from what the loader accepts.
 */
import * as v from 'valibot';
import { ExecutionConfigSchema } from './schemas/execution-config.js';
import { ExecutionManifestEntrySchema, TuningManifestEntrySchema } from './schemas/manifests.js';
import {
  MultiPanelPlotSchema,
  PlotPanelSchema,
  SinglePanelPlotSchema,
} from './schemas/plotting-manifest.js';
import { SloTableFileSchema } from './schemas/slo-table.js';
import { TunerConfigSchema } from './schemas/tuner-config.js';

interface Node {
  readonly type: string;
  readonly kind?: string;
  readonly wrapped?: Node;
  readonly entries?: Record<string, Node>;
  readonly item?: Node;
  readonly key?: Node;
  readonly value?: Node | unknown;
  readonly options?: readonly (Node | string | number)[];
  readonly items?: readonly Node[];
  readonly pipe?: readonly Node[];
  readonly requirement?: unknown;
  readonly message?: unknown;
  readonly default?: unknown;
}

export interface FieldRow {
  readonly key: string;
  readonly type: string;
  /** `required`, or the default as YAML-ish text. */
  readonly default: string;
}

function fmt(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x === 'string') return JSON.stringify(x);
  return JSON.stringify(x).replaceAll(',', ', ');
}

function constraints(node: Node): string[] {
  // v.pipe(inner, ...) keeps `inner` as pipe[0]; an inner pipe has constraints of its own.
  const inner = node.pipe?.[0];
  const out: string[] = inner && inner !== node && inner.pipe ? constraints(inner) : [];
  for (const action of node.pipe?.slice(1) ?? []) {
    switch (action.type) {
      case 'integer':
        out.push('integer');
        break;
      case 'min_value':
        out.push(`>= ${fmt(action.requirement)}`);
        break;
      case 'max_value':
        out.push(`<= ${fmt(action.requirement)}`);
        break;
      case 'gt_value':
        out.push(`> ${fmt(action.requirement)}`);
        break;
      case 'lt_value':
        out.push(`< ${fmt(action.requirement)}`);
        break;
      case 'min_length':
        out.push(`length >= ${fmt(action.requirement)}`);
        break;
      case 'check':
      case 'regex':
        if (typeof action.message === 'string') out.push(action.message);
        break;
    }
  }
  return out;
}

/** A short human name for a schema's type. */
function typeName(node: Node): string {
  const extra = constraints(node);
  const withExtra = (t: string) => (extra.length > 0 ? `${t} (${extra.join(', ')})` : t);
  switch (node.type) {
    case 'optional':
      return typeName(node.wrapped as Node);
    case 'nullable':
      return `${typeName(node.wrapped as Node)} or null`;
    case 'picklist':
      return `one of ${(node.options ?? []).map((o) => fmt(o)).join(', ')}`;
    case 'array':
      return withExtra(`list of ${typeName(node.item as Node)}`);
    case 'record':
      return withExtra(
        `mapping of ${typeName(node.key as Node)} to ${typeName(node.value as Node)}`,
      );
    case 'tuple':
      return `[${(node.items ?? []).map(typeName).join(', ')}]`;
    case 'union':
      return (node.options as Node[]).map(typeName).join(' or ');
    case 'strict_object':
      return 'mapping (below)';
    case 'unknown':
    case 'custom':
      return 'any YAML value';
    default:
      return withExtra(node.type);
  }
}

function objectOf(node: Node): Node | undefined {
  let n: Node | undefined = node;
  while (n && (n.type === 'optional' || n.type === 'nullable')) n = n.wrapped;
  if (n?.type === 'strict_object') return n;
  if (n?.type === 'array' && n.item) return objectOf(n.item);
  return undefined;
}

function defaultText(optional: boolean, def: unknown, nested: boolean): string {
  if (!optional) return 'required';
  if (def === undefined) return 'unset';
  if (nested && typeof def === 'object' && def !== null && !Array.isArray(def)) {
    return 'all defaults';
  }
  return fmt(def);
}

/** One row per key, nested mappings flattened as `section.key` (list items as `key[]`). */
export function fieldRows(schema: unknown, prefix = ''): FieldRow[] {
  const root = schema as Node;
  const rows: FieldRow[] = [];
  for (const [key, child] of Object.entries(root.entries ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    const optional = child.type === 'optional';
    const def = optional ? v.getDefault(child as never) : undefined;
    const nested = objectOf(child);
    rows.push({
      key: path,
      type: typeName(child),
      default: defaultText(optional, def, nested !== undefined),
    });
    if (nested) {
      const isList = (child.type === 'optional' ? child.wrapped : child)?.type === 'array';
      rows.push(...fieldRows(nested, isList ? `${path}[]` : path));
    }
  }
  return rows;
}

/** A Markdown table with padded columns, the layout the repository formatter keeps. */
function table(rows: readonly FieldRow[]): string {
  const esc = (s: string) => s.replaceAll('|', '\\|');
  const cells = [
    ['key', 'type', 'default'],
    ...rows.map((r) => [`\`${r.key}\``, esc(r.type), esc(r.default)]),
  ];
  const widths = [0, 1, 2].map((c) => Math.max(3, ...cells.map((row) => (row[c] ?? '').length)));
  const line = (row: readonly string[]) =>
    `| ${row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | ')} |`;
  const [head, ...body] = cells;
  return [line(head ?? []), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

const EXECUTION_NOTES = [
  'Notes: `autoscaler_config.trigger_slo_tightening_factor` defaults to the old key',
  '`slo_tightening_factor` when that is given, else 1.0 (giving both is an error); the older',
  'policy names `add_single_best` and `replace_with_single_best` are read as their `_forward`',
  'forms; `managed_cluster_pool_config.max_clusters` must be at least',
  '`len(initial_rpus) + len(scheduled_spinups)`. Keys marked unset are injected by the reference',
  'at run time and accepted so its dumped run configs load.',
];

const SECTIONS: readonly [string, string, unknown][] = [
  [
    'Execution config',
    '`execution_configs/**/<name>.yml`, referenced as `exec:<path>`',
    ExecutionConfigSchema,
  ],
  ['Tuner config', '`tuner_configs/<name>.yml`, referenced as `tuner:<name>`', TunerConfigSchema],
  [
    'Tuning manifest entry',
    '`manifests/tuning/<name>.yml`: `main_content` maps run name to entry',
    TuningManifestEntrySchema,
  ],
  [
    'Execution manifest entry',
    '`manifests/execution/<name>.yml`: `main_content` is a list of entries',
    ExecutionManifestEntrySchema,
  ],
  [
    'Plotting manifest, multi-panel',
    '`manifests/plotting/<name>.yml` whose `main_content` has `panels`',
    MultiPanelPlotSchema,
  ],
  ['Plot panel', 'one entry of `panels`', PlotPanelSchema],
  [
    'Plotting manifest, single panel',
    '`main_content` without `panels` is itself one panel',
    SinglePanelPlotSchema,
  ],
  ['SLO table', '`slos/<name>.yml`', SloTableFileSchema],
];

/** The whole `docs/config.md`. */
export function renderConfigReference(): string {
  const parts = [
    '# Config file reference',
    '',
    'Generated from the schemas in `packages/config/src/schemas/` by',
    '`pnpm --filter @autoslo/config run write-docs`; a test fails when this file is out of date.',
    'Every mapping is strict: a key not listed here is an error. Files may use `<PLACEHOLDER>`s',
    "(filled from `--param` or a manifest entry's `params`), YAML anchors and merge keys.",
  ];
  for (const [title, where, schema] of SECTIONS) {
    parts.push('', `## ${title}`, '', `${where}.`, '', table(fieldRows(schema)));
    if (schema === ExecutionConfigSchema) parts.push('', ...EXECUTION_NOTES);
  }
  return `${parts.join('\n')}\n`;
}
