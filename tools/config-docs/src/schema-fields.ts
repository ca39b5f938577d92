/**
 * Walks a valibot schema (through its public object shape: `type`, `entries`, `wrapped`,
 * `pipe`, ...) into one row per field: dotted path, type, default, allowed values.
 * Structural, so it needs no valibot import and sees exactly what validation sees.
 */

/** The parts of a valibot schema or pipe action this walker reads. */
export interface SchemaNode {
  readonly kind: string;
  readonly type: string;
  readonly entries?: Readonly<Record<string, SchemaNode>>;
  readonly wrapped?: SchemaNode;
  readonly default?: unknown;
  readonly item?: SchemaNode;
  readonly items?: readonly SchemaNode[];
  readonly key?: SchemaNode;
  readonly value?: SchemaNode;
  readonly options?: readonly unknown[];
  readonly literal?: unknown;
  readonly pipe?: readonly SchemaNode[];
  readonly getter?: (input: unknown) => SchemaNode;
  readonly requirement?: unknown;
  readonly message?: unknown;
  readonly expects?: string;
}

export interface FieldRow {
  /** Dotted path from the file's top level; `[]` marks list items, `<name>` mapping keys. */
  readonly path: string;
  readonly type: string;
  readonly required: boolean;
  /** Rendered default; null when the field is required or simply absent by default. */
  readonly defaultText: string | null;
  readonly allowed: string;
  /** Keys of the mapping this field sits in (matches its source comment). */
  readonly siblings: readonly string[];
  /** For mapping-valued fields: their own keys (matches the section's source comment). */
  readonly childKeys: readonly string[] | null;
}

function isNode(x: unknown): x is SchemaNode {
  return typeof x === 'object' && x !== null && 'kind' in x && 'type' in x;
}

/** A value as YAML flow text: `[16, 32]`, `{}`, `binary`, `null`. */
export function formatDefault(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return value === '' ? '""' : value;
  if (Array.isArray(value)) return `[${value.map(formatDefault).join(', ')}]`;
  if (typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>).map(
      ([k, v]) => `${k}: ${formatDefault(v)}`,
    );
    return `{${parts.join(', ')}}`;
  }
  return String(value);
}

function defaultOf(node: SchemaNode): unknown {
  const d = node.default;
  return typeof d === 'function' ? (d as () => unknown)() : d;
}

/** A pipe's actions, including those of the schema it starts from (`v.pipe(int(), ...)`). */
function actionsOf(node: SchemaNode): SchemaNode[] {
  const [first, ...rest] = node.pipe ?? [];
  if (!first) return [];
  return [...(first !== node && first.pipe ? actionsOf(first) : []), ...rest];
}

/** The constraints a pipe adds, in words. */
function constraints(node: SchemaNode, isList: boolean): string[] {
  const out: string[] = [];
  for (const action of actionsOf(node)) {
    const r = action.requirement;
    const message =
      typeof action.message === 'string' ? action.message.replace(/^must be /, '') : null;
    switch (action.type) {
      case 'min_value':
        out.push(`≥ ${formatDefault(r)}`);
        break;
      case 'max_value':
        out.push(`≤ ${formatDefault(r)}`);
        break;
      case 'gt_value':
        out.push(`> ${formatDefault(r)}`);
        break;
      case 'lt_value':
        out.push(`< ${formatDefault(r)}`);
        break;
      case 'min_length':
        out.push(
          isList
            ? `at least ${formatDefault(r)} item(s)`
            : r === 1
              ? 'non-empty'
              : `length ≥ ${formatDefault(r)}`,
        );
        break;
      case 'regex':
        out.push(message ?? `matches \`${String(r)}\``);
        break;
      case 'check':
        if (message) out.push(message);
        break;
    }
  }
  return out;
}

interface Described {
  readonly type: string;
  readonly allowed: string[];
  /** Object schemas whose fields are listed under this one, with the path suffix to use. */
  readonly children: readonly { readonly suffix: string; readonly node: SchemaNode }[];
}

/** Type text, allowed values and nested mappings of a (non-optional) schema. */
function describe(node: SchemaNode): Described {
  const isInteger = actionsOf(node).some((a) => a.type === 'integer');
  switch (node.type) {
    case 'nullable':
    case 'nullish':
    case 'optional': {
      const inner = describe(node.wrapped as SchemaNode);
      return { ...inner, type: node.type === 'optional' ? inner.type : `${inner.type} \\| null` };
    }
    case 'strict_object':
    case 'object':
      return { type: 'mapping', allowed: [], children: [{ suffix: '', node }] };
    case 'array': {
      const item = describe(node.item as SchemaNode);
      const children = item.children.map((c) => ({ ...c, suffix: `[]${c.suffix}` }));
      return {
        type: `list of ${item.type}`,
        allowed: [
          ...constraints(node, true),
          ...item.allowed.map((a) => (a.startsWith('each ') ? a : `each ${a}`)),
        ],
        children,
      };
    }
    case 'tuple': {
      const items = (node.items ?? []).map(describe);
      return {
        type: `[${items.map((i) => i.type).join(', ')}]`,
        allowed: [...new Set(items.flatMap((i) => i.allowed))],
        children: [],
      };
    }
    case 'record': {
      const key = describe(node.key as SchemaNode);
      const value = describe(node.value as SchemaNode);
      return {
        type: `mapping of ${key.type} to ${value.type}`,
        allowed: [
          ...key.allowed.map((a) => `keys: ${a}`),
          ...value.allowed.map((a) => `values: ${a}`),
        ],
        children: value.children.map((c) => ({ ...c, suffix: `.<name>${c.suffix}` })),
      };
    }
    case 'picklist':
      return {
        type: 'string',
        allowed: [`one of ${(node.options ?? []).map((o) => `\`${String(o)}\``).join(', ')}`],
        children: [],
      };
    case 'literal':
      return { type: 'literal', allowed: [`\`${formatDefault(node.literal)}\``], children: [] };
    case 'union': {
      const parts = (node.options ?? []).filter(isNode).map(describe);
      return {
        type: [...new Set(parts.map((p) => p.type))].join(' \\| '),
        allowed: [...constraints(node, false), ...parts.flatMap((p) => p.allowed)],
        children: parts.flatMap((p) => p.children),
      };
    }
    case 'lazy': {
      // The plotting manifest picks its `main_content` schema by shape; list both shapes.
      const getter = node.getter as (input: unknown) => SchemaNode;
      const shapes = [getter({}), getter({ panels: [] })];
      const unique = shapes.filter((s, i) => shapes.indexOf(s) === i);
      return {
        type: 'mapping',
        allowed: [],
        children: unique.map((s) => ({ suffix: '', node: s })),
      };
    }
    case 'custom':
      // A custom check that names what it accepts (policy names: `"custom:<name>"`).
      if (typeof node.expects === 'string' && node.expects.startsWith('"'))
        return { type: 'string', allowed: [`or \`${JSON.parse(node.expects)}\``], children: [] };
      return { type: 'any YAML', allowed: [], children: [] };
    case 'unknown':
    case 'any':
      return { type: 'any YAML', allowed: [], children: [] };
    case 'number':
      return {
        type: isInteger ? 'integer' : 'number',
        allowed: constraints(node, false),
        children: [],
      };
    default:
      return { type: node.type, allowed: constraints(node, false), children: [] };
  }
}

/** Rows for every field of an object schema, depth first, each path once. */
export function schemaFields(root: SchemaNode): FieldRow[] {
  const rows: FieldRow[] = [];
  const seen = new Set<string>();
  const walk = (object: SchemaNode, prefix: string): void => {
    const entries = object.entries ?? {};
    const siblings = Object.keys(entries);
    for (const [key, field] of Object.entries(entries)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      const optional = field.type === 'optional';
      const d = describe(field);
      const childKeys =
        d.children.length > 0 ? Object.keys(d.children[0]?.node.entries ?? {}) : null;
      if (!seen.has(path)) {
        seen.add(path);
        const dflt = optional ? defaultOf(field) : undefined;
        rows.push({
          path,
          type: d.type,
          required: !optional,
          defaultText: dflt === undefined ? null : formatDefault(dflt),
          allowed: d.allowed.join('; '),
          siblings,
          childKeys,
        });
      }
      for (const child of d.children) walk(child.node, `${path}${child.suffix}`);
    }
  };
  walk(root, '');
  return rows;
}
