/**
 * Dotted-key overrides on a deep copy of a config: intermediate mappings are created as
 * needed and the leaf (a value or a whole subtree) is replaced, never merged.
 */
type Doc = Record<string, unknown>;

function isDoc(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function withOverrides<C>(config: C, overrides: Readonly<Record<string, unknown>>): C {
  const copy = structuredClone(config) as Doc;
  for (const [dotted, value] of Object.entries(overrides)) {
    const keys = dotted.split('.');
    let node: Doc = copy;
    for (const key of keys.slice(0, -1)) {
      const next = node[key];
      if (!isDoc(next)) node[key] = {};
      node = node[key] as Doc;
    }
    node[keys[keys.length - 1] as string] = structuredClone(value);
  }
  return copy as C;
}
