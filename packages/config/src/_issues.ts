/** valibot issues to located {@link InputIssue}s: file, line, column, config path. */
import type * as v from 'valibot';
import { allowedKeysAt, closestKey } from './_schema-keys.js';
import type { InputIssue } from './errors.js';
import type { PathKey } from './yaml-tree.js';

/** Dotted path for display; keys that contain dots are bracketed: `params["a.b"]`. */
export function displayPath(path: readonly PathKey[]): string {
  let out = '';
  for (const key of path) {
    const k = String(key);
    if (typeof key === 'string' && (k.includes('.') || k === '')) out += `[${JSON.stringify(k)}]`;
    else out += out === '' ? k : `.${k}`;
  }
  return out;
}

export interface IssueLocator {
  /** 1-based line and column of the value at `path` (or its key, or its nearest ancestor). */
  locate(
    path: readonly PathKey[],
    at: 'key' | 'value',
  ): { line: number; column: number } | undefined;
}

interface Context {
  readonly file: string;
  readonly schema: unknown;
  readonly input: unknown;
  readonly locator: IssueLocator;
  /** Override paths (dotted) applied before validation; issues under them have no line. */
  readonly overridden?: readonly string[];
}

function pathOf(issue: v.BaseIssue<unknown>): PathKey[] {
  return (issue.path ?? []).map((item) => item.key as PathKey);
}

function isMissing(issue: v.BaseIssue<unknown>): boolean {
  const last = issue.path?.[issue.path.length - 1];
  return (
    issue.kind === 'schema' &&
    issue.received === 'undefined' &&
    last !== undefined &&
    (last as { value?: unknown }).value === undefined &&
    typeof last.input === 'object' &&
    last.input !== null &&
    !Object.hasOwn(last.input as object, String(last.key))
  );
}

function valueAt(doc: unknown, path: readonly PathKey[]): unknown {
  let x = doc;
  for (const key of path) {
    if (typeof x !== 'object' || x === null) return undefined;
    x = (x as Record<string, unknown>)[String(key)];
  }
  return x;
}

/**
 * valibot's object schemas accept arrays (they are objects) and then report every key as
 * missing or unknown; say once that a mapping was expected instead.
 */
function arrayForObject(issue: v.BaseIssue<unknown>, input: unknown): PathKey[] | undefined {
  const isObjectIssue =
    (issue.type === 'strict_object' && issue.expected === 'never') || isMissing(issue);
  if (!isObjectIssue) return undefined;
  const parent = pathOf(issue).slice(0, -1);
  return Array.isArray(valueAt(input, parent)) ? parent : undefined;
}

/** Turn every valibot issue into a located, readable {@link InputIssue}. */
export function toInputIssues(issues: readonly v.BaseIssue<unknown>[], ctx: Context): InputIssue[] {
  const arraysReported = new Set<string>();
  return issues.flatMap((issue): InputIssue[] => {
    const arrayAt = arrayForObject(issue, ctx.input);
    if (arrayAt) {
      const shown = displayPath(arrayAt);
      if (arraysReported.has(shown)) return [];
      arraysReported.add(shown);
      const pos = ctx.locator.locate(arrayAt, 'value');
      return [
        {
          file: ctx.file,
          ...(pos ? { line: pos.line, column: pos.column } : {}),
          ...(shown ? { path: shown } : {}),
          message: 'wrong type',
          expected: 'Object',
          received: 'Array',
        },
      ];
    }
    // A union lists why each option failed; its own issue already says what was expected.
    const path = pathOf(issue);
    const shown = displayPath(path);
    const last = issue.path?.[issue.path.length - 1] as { origin?: string } | undefined;
    let message: string;
    let expected: string | undefined = issue.expected ?? undefined;
    let received: string | undefined = issue.received;
    let at: 'key' | 'value' = 'value';
    if (issue.type === 'strict_object' && issue.expected === 'never') {
      const key = String(path[path.length - 1]);
      const allowed = allowedKeysAt(ctx.schema, ctx.input, path.slice(0, -1)) ?? [];
      const hint = closestKey(key, allowed);
      message = `unknown key '${key}'${hint ? ` (did you mean '${hint}'?)` : ''}`;
      expected = allowed.length > 0 ? `one of ${allowed.join(', ')}` : undefined;
      received = undefined;
      at = 'key';
    } else if (isMissing(issue)) {
      message = `missing required key '${String(path[path.length - 1])}'`;
      expected = undefined;
      received = undefined;
    } else if (last?.origin === 'key') {
      message = `invalid key: ${issue.message}`;
      expected = undefined;
      at = 'key';
    } else if (issue.type === 'picklist' || issue.type === 'union' || issue.type === 'literal') {
      message = 'not one of the allowed values';
    } else if (issue.kind === 'schema') {
      message = 'wrong type';
    } else {
      message = issue.message.startsWith('Invalid ') ? 'invalid value' : issue.message;
      if (issue.type === 'check' || issue.type === 'regex' || issue.type === 'custom') {
        expected = undefined;
      }
      // A check on a whole mapping would print "received Object": say nothing instead.
      if (received === 'Object' || received === 'Array') received = undefined;
    }
    const override = ctx.overridden?.find((o) => shown === o || shown.startsWith(`${o}.`));
    if (override !== undefined) {
      return [
        {
          file: ctx.file,
          path: shown,
          message: `${message} (set by override '${override}')`,
          expected,
          received,
        },
      ];
    }
    const pos = ctx.locator.locate(path, at);
    const out: InputIssue = {
      file: ctx.file,
      ...(pos ? { line: pos.line, column: pos.column } : {}),
      ...(shown ? { path: shown } : {}),
      message,
      ...(expected !== undefined ? { expected } : {}),
      ...(received !== undefined ? { received } : {}),
    };
    return [out];
  });
}
