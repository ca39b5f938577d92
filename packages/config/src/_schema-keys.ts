/**
 * The keys a strict object accepts at some path of a schema, for "unknown key" messages that
 * list the valid ones. Walks wrappers (optional, nullable, pipe, lazy), records and arrays.
 */
import type { PathKey } from './yaml-tree.js';

interface SchemaLike {
  readonly type?: string;
  readonly entries?: Record<string, unknown>;
  readonly wrapped?: unknown;
  readonly item?: unknown;
  readonly value?: unknown;
  readonly getter?: (input: unknown) => unknown;
}

function unwrap(schema: unknown, input: unknown): SchemaLike | undefined {
  let s = schema as SchemaLike | undefined;
  for (let i = 0; i < 20 && s; i++) {
    if (s.type === 'lazy' && s.getter) s = s.getter(input) as SchemaLike;
    else if (s.wrapped !== undefined) s = s.wrapped as SchemaLike;
    else return s;
  }
  return s;
}

function child(input: unknown, key: PathKey): unknown {
  return typeof input === 'object' && input !== null
    ? (input as Record<string, unknown>)[String(key)]
    : undefined;
}

/** Keys allowed by the object schema found at `path` of `root`, or `undefined`. */
export function allowedKeysAt(
  root: unknown,
  doc: unknown,
  path: readonly PathKey[],
): string[] | undefined {
  let s = unwrap(root, doc);
  let input = doc;
  for (const key of path) {
    if (!s) return undefined;
    input = child(input, key);
    if (s.entries) s = unwrap(s.entries[String(key)], input);
    else if (s.type === 'record') s = unwrap(s.value, input);
    else if (s.type === 'array') s = unwrap(s.item, input);
    else return undefined;
  }
  return s?.entries ? Object.keys(s.entries) : undefined;
}

/** Levenshtein distance, for "did you mean" hints. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] as number;
      row[j] = Math.min(
        (row[j] as number) + 1,
        (row[j - 1] as number) + 1,
        prev + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      prev = cur;
    }
  }
  return row[b.length] as number;
}

/** The closest allowed key when it is close enough to be a likely typo. */
export function closestKey(key: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const k of allowed) {
    const d = distance(key, k);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return bestD <= Math.max(2, Math.floor(key.length / 4)) ? best : undefined;
}
