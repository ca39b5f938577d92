/**
 * One config text through the whole pipeline: placeholders, YAML (merge keys, aliases),
 * overrides, schema. Every problem is collected and located; nothing is thrown.
 */
import * as v from 'valibot';
import { LineCounter } from 'yaml';
import { displayPath, toInputIssues } from './_issues.js';
import type { InputIssue } from './errors.js';
import { applyOverrides } from './overrides.js';
import type { Params } from './params.js';
import { type Substitution, substitutePlaceholders } from './placeholders.js';
import { type PathKey, parseYamlTree } from './yaml-tree.js';

export interface CheckOptions {
  /**
   * Values for `<PLACEHOLDER>`s. Absent: the text is not substituted at all (manifests and SLO
   * tables are plain YAML in the reference); `{}` reports every placeholder as unresolved.
   */
  readonly params?: Params;
  /** Dotted-path overrides applied after parsing and before validation. */
  readonly overrides?: Readonly<Record<string, unknown>>;
  /** Keep integral floats under this key as `PyFloat` (manifests: `params`). */
  readonly markFloatsUnder?: string;
}

export interface CheckResult<T> {
  /** The parsed value with defaults, when there were no issues. */
  readonly value?: T;
  readonly issues: readonly InputIssue[];
  /** Params the text used. */
  readonly usedParams: ReadonlySet<string>;
  /** Line and column of the value at a path (or its nearest ancestor), once the text parsed. */
  readonly locate?: (path: readonly PathKey[]) => { line: number; column: number };
}

function verbatim(text: string): Substitution {
  return { text, unresolved: [], used: new Set(), originalOffset: (offset) => offset };
}

function lineCounterOf(text: string): LineCounter {
  const lc = new LineCounter();
  lc.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
  return lc;
}

/** Check `text` (the content of `file`) against `schema`. */
export function checkConfigText<S extends v.GenericSchema<unknown, unknown>>(
  text: string,
  file: string,
  schema: S,
  options: CheckOptions = {},
): CheckResult<v.InferOutput<S>> {
  const sub = options.params ? substitutePlaceholders(text, options.params) : verbatim(text);
  const lc = lineCounterOf(text);
  const at = (substOffset: number) => {
    const { line, col } = lc.linePos(sub.originalOffset(substOffset));
    return { line, column: col };
  };
  if (sub.unresolved.length > 0) {
    const names = [...new Set(sub.unresolved.map((u) => u.name))];
    const issues = sub.unresolved.map((u) => {
      const { line, col } = lc.linePos(u.offset);
      return {
        file,
        line,
        column: col,
        message: `unresolved placeholder <${u.name}>; provide it with --param ${u.name}=VALUE`,
      };
    });
    issues.push({
      file,
      line: issues[0]?.line ?? 1,
      column: issues[0]?.column ?? 1,
      message: `${names.length} unresolved placeholder(s): ${names.join(', ')}`,
    });
    return { issues, usedParams: sub.used };
  }
  const tree = parseYamlTree(sub.text, { markFloatsUnder: options.markFloatsUnder });
  if (tree.problems.length > 0) {
    const issues = tree.problems.map((p) => ({
      file,
      ...at(p.offset),
      message: `YAML: ${p.message}`,
    }));
    return { issues, usedParams: sub.used };
  }
  const locate = (path: readonly PathKey[], where: 'key' | 'value' = 'value') => {
    const found = tree.locate(path);
    if (!found) return { line: 1, column: 1 };
    const range = where === 'key' && found.exact ? found.location.key : undefined;
    return at((range ?? found.location.value)[0]);
  };
  let doc = tree.value;
  const overrides = options.overrides ?? {};
  const overridden = Object.keys(overrides);
  if (overridden.length > 0) {
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
      return {
        issues: [
          { file, line: 1, column: 1, message: 'overrides need a mapping at the top level' },
        ],
        usedParams: sub.used,
        locate,
      };
    }
    doc = applyOverrides(doc, overrides);
  }
  const parsed = v.safeParse(schema, doc);
  if (parsed.success) return { value: parsed.output, issues: [], usedParams: sub.used, locate };
  const issues = toInputIssues(parsed.issues, {
    file,
    schema,
    input: doc,
    overridden: overridden.map((o) => displayPath(o.split('.'))),
    locator: { locate },
  });
  return { issues, usedParams: sub.used, locate };
}
