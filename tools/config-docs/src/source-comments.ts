/**
 * The doc comments written beside the schemas in `packages/config/src/schemas/*.ts`: per
 * object literal, its keys, the `/** ... *\/` comment of each key, and the comment of the
 * `const` it belongs to. Runtime schemas carry no comments, so a runtime mapping is matched
 * to the literal sharing most of its keys.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

export interface LiteralComments {
  readonly file: string;
  readonly keys: readonly string[];
  /** Comment per key, for the keys that have one. */
  readonly fieldComments: Readonly<Record<string, string>>;
  /** Comment of the enclosing `const` declaration, if any. */
  readonly declarationComment: string | null;
}

/** The text of the last `/** *\/` comment before `pos`, joined into one line. */
function docCommentBefore(text: string, pos: number): string | null {
  const ranges = ts.getLeadingCommentRanges(text, pos) ?? [];
  const docs = ranges.map((r) => text.slice(r.pos, r.end)).filter((c) => c.startsWith('/**'));
  const last = docs.at(-1);
  if (last === undefined) return null;
  return last
    .replace(/^\/\*\*/, '')
    .replace(/\*\/$/, '')
    .split('\n')
    .map((line) => line.replace(/^\s*\*\s?/, '').trim())
    .filter((line) => line !== '')
    .join(' ');
}

/** The `const` statement whose outermost object literal `node` is (null for nested ones). */
function enclosingStatement(node: ts.Node): ts.VariableStatement | null {
  let n: ts.Node | undefined = node.parent;
  while (n && !ts.isSourceFile(n)) {
    if (ts.isVariableStatement(n)) return n;
    if (ts.isObjectLiteralExpression(n)) return null;
    n = n.parent;
  }
  return null;
}

export function readSourceComments(schemasDir: string): LiteralComments[] {
  const out: LiteralComments[] = [];
  const files = readdirSync(schemasDir)
    .filter((f) => f.endsWith('.ts'))
    .sort();
  for (const file of files) {
    const text = readFileSync(join(schemasDir, file), 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (ts.isObjectLiteralExpression(node)) {
        const keys: string[] = [];
        const fieldComments: Record<string, string> = {};
        for (const prop of node.properties) {
          if (!ts.isPropertyAssignment(prop) || !prop.name) continue;
          const key =
            ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name) ? prop.name.text : null;
          if (key === null) continue;
          keys.push(key);
          const comment = docCommentBefore(text, prop.getFullStart());
          if (comment) fieldComments[key] = comment;
        }
        if (keys.length > 0) {
          const statement = enclosingStatement(node);
          out.push({
            file,
            keys,
            fieldComments,
            declarationComment: statement ? docCommentBefore(text, statement.getFullStart()) : null,
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

function overlap(a: readonly string[], b: readonly string[]): number {
  const set = new Set(b);
  return a.filter((k) => set.has(k)).length;
}

/** The comment of `key` in the literal that shares most keys with `siblings`. */
export function fieldComment(
  literals: readonly LiteralComments[],
  siblings: readonly string[],
  key: string,
): string | null {
  let best: { score: number; comment: string } | null = null;
  for (const l of literals) {
    const comment = l.fieldComments[key];
    if (comment === undefined) continue;
    const score = overlap(l.keys, siblings);
    if (!best || score > best.score) best = { score, comment };
  }
  return best?.comment ?? null;
}

/** The declaration comment of the literal that shares most keys with `keys` (ties: fewer keys). */
export function sectionComment(
  literals: readonly LiteralComments[],
  keys: readonly string[],
): string | null {
  let best: { score: number; size: number; comment: string } | null = null;
  for (const l of literals) {
    if (l.declarationComment === null) continue;
    const score = overlap(l.keys, keys);
    if (score === 0) continue;
    if (!best || score > best.score || (score === best.score && l.keys.length < best.size)) {
      best = { score, size: l.keys.length, comment: l.declarationComment };
    }
  }
  return best?.comment ?? null;
}
