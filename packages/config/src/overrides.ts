import { InputError } from './errors.js';

type Tree = Record<string, unknown>;

function isTree(x: unknown): x is Tree {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function deepCopy<T>(x: T): T {
  return structuredClone(x);
}

/**
 * Apply dotted-path overrides (`{'autoscaler_config.observation_window_s': 600}`) to a copy of
 * `doc`. Each value *replaces* what is at its path, a mapping replaces the whole subtree
 * (never merged), and missing intermediate mappings are created, as the reference's
 * `copy_and_apply_overrides` does. `doc` is not modified.
 */
export function applyOverrides<T extends object>(
  doc: T,
  overrides: Readonly<Record<string, unknown>>,
): T {
  const out = deepCopy(doc) as unknown as Tree;
  for (const [dotted, value] of Object.entries(overrides)) {
    const keys = dotted.split('.');
    if (keys.some((k) => k === '')) {
      throw new InputError({ path: dotted, message: 'override path has an empty segment' });
    }
    let node: Tree = out;
    for (const key of keys.slice(0, -1)) {
      const next = node[key];
      if (isTree(next)) {
        node = next;
      } else if (next === undefined || next === null) {
        const created: Tree = {};
        node[key] = created;
        node = created;
      } else {
        throw new InputError({
          path: dotted,
          message: `cannot override inside '${key}', which is not a mapping`,
        });
      }
    }
    node[keys[keys.length - 1] as string] = deepCopy(value);
  }
  return out as unknown as T;
}
