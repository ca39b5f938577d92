/**
 * YAML text to plain values, with merge keys (`<<`, also sequence merges) and aliases fully
 * expanded, and the source range of every value and key kept by path, so a schema issue at
 * `a.b.0` can be reported at its line and column even when the value came through an alias.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type Node,
  parseDocument,
  type Range,
  visit,
  type YAMLMap,
} from 'yaml';
import { PyFloat } from './params.js';

export type PathKey = string | number;

/** Where a value sits in the parsed text: offsets `[start, end)`. */
export interface NodeLocation {
  readonly value: readonly [number, number];
  /** The key's range, when the value is a mapping entry. */
  readonly key?: readonly [number, number];
}

export interface YamlProblem {
  readonly offset: number;
  readonly message: string;
}

export interface YamlTree {
  /** The document as plain values; an empty document is `{}`. */
  readonly value: unknown;
  readonly problems: readonly YamlProblem[];
  /** The location of the value at `path`, or of its nearest ancestor that exists. */
  locate(path: readonly PathKey[]): { location: NodeLocation; exact: boolean } | undefined;
}

export interface YamlTreeOptions {
  /**
   * Integral floats (`300.0`) under a mapping key with this name become {@link PyFloat}, so
   * params keep Python's `str()` (manifests use `params`).
   */
  readonly markFloatsUnder?: string;
}

/** Guards against alias bombs (billion laughs). */
const MAX_EXPANDED_NODES = 1_000_000;

const pathId = (path: readonly PathKey[]): string => JSON.stringify(path);

function rangeOf(node: Node | null | undefined): readonly [number, number] {
  const r = (node as { range?: Range | null } | null | undefined)?.range;
  return r ? [r[0], r[1]] : [0, 0];
}

function isMergeKey(key: unknown): boolean {
  return (
    isScalar(key) && typeof key.value === 'symbol' && (key.value as symbol).description === '<<'
  );
}

function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  // Plain assignment of `__proto__` would change the prototype instead of adding a key.
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** Parse YAML text (YAML 1.2 core schema plus merge keys) into a located tree. */
export function parseYamlTree(text: string, options: YamlTreeOptions = {}): YamlTree {
  // Duplicate keys are found below: yaml's own check is slow on large files with merge keys.
  const doc = parseDocument(text, { merge: true, prettyErrors: false, uniqueKeys: false });
  const problems: YamlProblem[] = doc.errors.map((e) => ({
    offset: e.pos[0],
    message: e.message.split('\n')[0] ?? e.message,
  }));
  const locations = new Map<string, NodeLocation>();
  if (problems.length > 0) {
    return { value: undefined, problems, locate: () => undefined };
  }
  // yaml's Alias.resolve searches the whole document on every call; index anchors once.
  const anchors = new Map<string, { offset: number; node: Node }[]>();
  visit(doc, {
    Node(_, node) {
      const name = (node as { anchor?: string }).anchor;
      if (!name) return;
      const list = anchors.get(name) ?? [];
      list.push({ offset: rangeOf(node)[0], node });
      anchors.set(name, list);
    },
  });
  /** The last node anchored `&name` before `offset`, as YAML resolves aliases. */
  const resolveAlias = (alias: Node & { source: string }): Node | undefined => {
    const offset = rangeOf(alias)[0];
    let found: Node | undefined;
    for (const a of anchors.get(alias.source) ?? []) if (a.offset < offset) found = a.node;
    return found;
  };
  let expanded = 0;
  const expanding = new Set<Node>();
  const markUnder = options.markFloatsUnder;

  const convert = (
    node: unknown,
    path: PathKey[],
    keyRange: readonly [number, number] | undefined,
    markFloats: boolean,
  ): unknown => {
    if (++expanded > MAX_EXPANDED_NODES) {
      throw new TooManyNodesError();
    }
    if (isAlias(node)) {
      const target = resolveAlias(node);
      if (!target) {
        problems.push({ offset: rangeOf(node)[0], message: `unknown alias *${node.source}` });
        return null;
      }
      if (expanding.has(target)) {
        problems.push({
          offset: rangeOf(node)[0],
          message: `alias *${node.source} refers to itself`,
        });
        return null;
      }
      expanding.add(target);
      try {
        return convert(target, path, keyRange, markFloats);
      } finally {
        expanding.delete(target);
      }
    }
    const loc: NodeLocation = keyRange
      ? { value: rangeOf(node as Node), key: keyRange }
      : { value: rangeOf(node as Node) };
    locations.set(pathId(path), loc);
    if (isScalar(node)) {
      const v = node.value;
      if (
        markFloats &&
        typeof v === 'number' &&
        Number.isInteger(v) &&
        (node.minFractionDigits ?? 0) > 0
      ) {
        return new PyFloat(v);
      }
      return v;
    }
    if (isSeq(node)) {
      return node.items.map((item, i) => convert(item, [...path, i], undefined, markFloats));
    }
    if (isMap(node)) return convertMap(node, path, markFloats);
    if (node === null || node === undefined) return null;
    problems.push({ offset: rangeOf(node as Node)[0], message: 'unsupported YAML node' });
    return null;
  };

  const mergeSources = (value: unknown): YAMLMap[] | undefined => {
    const resolve = (n: unknown): unknown => (isAlias(n) ? resolveAlias(n) : n);
    const v = resolve(value);
    if (isMap(v)) return [v];
    if (isSeq(v)) {
      const maps = v.items.map(resolve);
      return maps.every(isMap) ? (maps as YAMLMap[]) : undefined;
    }
    return undefined;
  };

  const convertMap = (node: YAMLMap, path: PathKey[], markFloats: boolean) => {
    const out: Record<string, unknown> = {};
    const own = locations.get(pathId(path));
    const merges: YAMLMap[] = [];
    for (const pair of node.items) {
      if (!isMergeKey(pair.key)) continue;
      const sources = mergeSources(pair.value);
      if (!sources) {
        problems.push({
          offset: rangeOf(pair.value as Node)[0],
          message: 'a merge key (<<) needs a mapping or a list of mappings',
        });
        continue;
      }
      merges.push(...sources);
    }
    // Earlier merge sources win over later ones, explicit keys over all (YAML merge rules).
    for (const source of [...merges].reverse()) {
      expanding.add(source);
      const merged = convertMap(source, path, markFloats);
      expanding.delete(source);
      for (const [k, v] of Object.entries(merged)) setKey(out, k, v);
    }
    locations.set(pathId(path), own ?? { value: rangeOf(node) });
    const explicit = new Set<string>();
    for (const pair of node.items) {
      if (isMergeKey(pair.key)) continue;
      const keyNode = pair.key;
      let key: string;
      if (isScalar(keyNode) || keyNode === null || keyNode === undefined) {
        const raw = isScalar(keyNode) ? keyNode.value : null;
        key = raw === null ? 'null' : String(raw);
      } else {
        problems.push({
          offset: rangeOf(keyNode as Node)[0],
          message: 'complex mapping keys are not supported',
        });
        continue;
      }
      if (explicit.has(key)) {
        problems.push({ offset: rangeOf(keyNode as Node)[0], message: `duplicate key '${key}'` });
        continue;
      }
      explicit.add(key);
      const childMark = markFloats || (markUnder !== undefined && key === markUnder);
      const value = convert(
        pair.value ?? null,
        [...path, key],
        rangeOf(keyNode as Node),
        childMark,
      );
      setKey(out, key, value);
    }
    return out;
  };

  let value: unknown;
  try {
    value = doc.contents === null ? {} : convert(doc.contents, [], undefined, false);
  } catch (error) {
    if (!(error instanceof TooManyNodesError)) throw error;
    problems.push({
      offset: 0,
      message: `more than ${MAX_EXPANDED_NODES} nodes after expanding aliases`,
    });
    value = undefined;
  }
  return {
    value,
    problems,
    locate(path) {
      for (let n = path.length; n >= 0; n--) {
        const loc = locations.get(pathId(path.slice(0, n)));
        if (loc) return { location: loc, exact: n === path.length };
      }
      return undefined;
    },
  };
}

class TooManyNodesError extends Error {}
