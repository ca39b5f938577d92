/**
 * SQL normalisation: statements that differ only in literals, whitespace, comments, keyword
 * case or the length of an `IN (...)` list normalise to the same text, and so to the same
 * fingerprint. Used to group a warehouse's history into templates, and by anything that
 * needs to recognise a live statement's template.
 *
 * - `--` and `/* *\/` comments are dropped;
 * - string literals (`'...'` with `''` escapes, `E'...'`), numbers (including `1.5e3` and
 *   hex) and `$n` parameters become `?`; `:name` parameters too;
 * - `IN (?, ?, ...)` becomes `IN (?)`;
 * - whitespace collapses to one space, dropped next to punctuation; everything outside
 *   quoted identifiers is lower-cased.
 *
 * Text truncated by the view (SYS_QUERY_HISTORY keeps 4,000 characters) is normalised the
 * same way and its last, possibly cut, token dropped, so the result is a prefix of the
 * full statement's normalised text; `sameTemplatePrefix` tells whether a truncated form
 * belongs to a full one.
 */
import { createHash } from 'node:crypto';

/** SYS_QUERY_HISTORY.query_text holds at most this many characters. */
export const QUERY_TEXT_LIMIT = 4000;

export interface NormalizeOptions {
  /** The text was cut by the view (default: when it is `QUERY_TEXT_LIMIT` characters or more). */
  readonly truncated?: boolean;
}

export interface NormalizedSql {
  /** The normalised text. */
  readonly text: string;
  /** True when it is a prefix of the statement's normalised text (the input was cut). */
  readonly truncated: boolean;
}

const PUNCT = new Set([
  '(',
  ')',
  ',',
  ';',
  ':',
  '=',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '|',
  '.',
  '[',
  ']',
]);

function isIdentStart(c: string): boolean {
  const k = c.charCodeAt(0);
  return (k >= 97 && k <= 122) || (k >= 65 && k <= 90) || k === 95 || k >= 128;
}

function isIdentPart(c: string): boolean {
  const k = c.charCodeAt(0);
  return (
    (k >= 97 && k <= 122) ||
    (k >= 65 && k <= 90) ||
    (k >= 48 && k <= 57) ||
    k === 95 ||
    k === 36 ||
    k >= 128
  );
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** Tokens of `sql`; an unterminated literal or comment at the end sets `cut`. */
function tokenize(sql: string): { tokens: string[]; cut: boolean } {
  const tokens: string[] = [];
  const n = sql.length;
  let i = 0;
  let cut = false;
  while (i < n) {
    const c = sql[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') {
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? n : end + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      if (end === -1) {
        cut = true;
        i = n;
      } else i = end + 2;
    } else if (c === "'" || ((c === 'e' || c === 'E') && sql[i + 1] === "'")) {
      let j = c === "'" ? i + 1 : i + 2;
      let closed = false;
      while (j < n) {
        if (sql[j] === '\\' && c !== "'") j += 2;
        else if (sql[j] === "'") {
          if (sql[j + 1] === "'") j += 2;
          else {
            closed = true;
            j++;
            break;
          }
        } else j++;
      }
      tokens.push('?');
      if (!closed) cut = true;
      i = j;
    } else if (c === '"') {
      const end = sql.indexOf('"', i + 1);
      if (end === -1) {
        cut = true;
        i = n;
      } else {
        tokens.push(sql.slice(i, end + 1));
        i = end + 1;
      }
    } else if (isDigit(c) || (c === '.' && isDigit(sql[i + 1]))) {
      let j = i;
      if (c === '0' && (sql[i + 1] === 'x' || sql[i + 1] === 'X')) {
        j += 2;
        while (j < n && /[0-9a-fA-F]/.test(sql[j] as string)) j++;
      } else {
        while (j < n && (isDigit(sql[j]) || sql[j] === '.')) j++;
        if (
          (sql[j] === 'e' || sql[j] === 'E') &&
          (isDigit(sql[j + 1]) || /[+-]/.test(sql[j + 1] ?? ''))
        ) {
          j += 2;
          while (j < n && isDigit(sql[j])) j++;
        }
      }
      tokens.push('?');
      i = j;
    } else if (
      (c === '$' || c === ':') &&
      i + 1 < n &&
      (isDigit(sql[i + 1]) || (c === ':' && isIdentStart(sql[i + 1] as string)))
    ) {
      if (c === ':' && sql[i - 1] === ':') {
        // `::type` cast, not a parameter.
        tokens.push(':');
        i++;
        continue;
      }
      let j = i + 1;
      while (j < n && isIdentPart(sql[j] as string)) j++;
      tokens.push('?');
      i = j;
    } else if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentPart(sql[j] as string)) j++;
      tokens.push(sql.slice(i, j).toLowerCase());
      i = j;
    } else {
      tokens.push(c);
      i++;
    }
  }
  return { tokens, cut };
}

/** `in ( ? , ? , ... )` to `in ( ? )`; a list cut by truncation stays open as `in ( ?`. */
function collapseInLists(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    out.push(t);
    if (t === 'in' && tokens[i + 1] === '(' && tokens[i + 2] === '?') {
      let j = i + 3;
      while (tokens[j] === ',' && tokens[j + 1] === '?') j += 2;
      out.push('(', '?');
      i = j - 1;
    }
  }
  return out;
}

function join(tokens: readonly string[]): string {
  let text = '';
  let prev = '';
  for (const t of tokens) {
    if (text !== '' && !PUNCT.has(t) && !PUNCT.has(prev)) text += ' ';
    text += t;
    prev = t;
  }
  return text;
}

/** The normalised form of one statement (see the file comment). */
export function normalizeSqlText(sql: string, options: NormalizeOptions = {}): NormalizedSql {
  const truncated = options.truncated ?? sql.length >= QUERY_TEXT_LIMIT;
  const { tokens, cut } = tokenize(sql);
  if (truncated) {
    // The last token may be a cut word or number; a cut literal is already a whole `?`.
    if (!cut && tokens.length > 0) tokens.pop();
    // A list cut inside keeps only its opening, whatever its length was.
    while (
      tokens.length > 0 &&
      (tokens[tokens.length - 1] === ',' || tokens[tokens.length - 1] === '?')
    ) {
      const before = tokens[tokens.length - 2];
      if (tokens[tokens.length - 1] === '?' && before === '(') break;
      tokens.pop();
    }
  }
  let collapsed = collapseInLists(tokens);
  while (collapsed.length > 0 && collapsed[collapsed.length - 1] === ';')
    collapsed = collapsed.slice(0, -1);
  return { text: join(collapsed), truncated };
}

/** Hex digest (16 characters) of a normalised text. */
export function fingerprintOf(normalized: string): string {
  return createHash('sha256').update(normalized).digest('hex').slice(0, 16);
}

/** The fingerprint of a statement: `fingerprintOf(normalizeSqlText(sql).text)`. */
export function sqlFingerprint(sql: string, options: NormalizeOptions = {}): string {
  return fingerprintOf(normalizeSqlText(sql, options).text);
}

/** Whether a truncated statement's normalised prefix belongs to `full`'s template. */
export function sameTemplatePrefix(truncatedPrefix: string, full: string): boolean {
  return full.startsWith(truncatedPrefix);
}
