/**
 * The broken-file corpus: each file in fixtures/broken/ states what it is and the issues it
 * must produce. Header comments give `# kind: K`, `# params: K=V ...`,
 * `# expect-line L[:C]: path | text` and `# expect-in <file in data dir> L:C: path | text`;
 * a trailing `# expect[@C]: path | text` expects an issue on its own line. `-` means no path.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConfigKind, Params } from '../../src/index.js';

export const BROKEN_DIR = fileURLToPath(new URL('../fixtures/broken/', import.meta.url));
export const REFERENCE_DATA = fileURLToPath(
  new URL('../../../../reference-data/autoslo/data/', import.meta.url),
);

export interface ExpectedIssue {
  readonly file: string;
  readonly line: number;
  readonly column?: number;
  readonly path?: string;
  readonly text: string;
}

export interface BrokenFixture {
  readonly name: string;
  readonly file: string;
  readonly kind: ConfigKind;
  readonly params: Params;
  readonly paramFlags: string[];
  readonly expected: ExpectedIssue[];
}

function splitExpectation(body: string): { path?: string; text: string } {
  const bar = body.indexOf('|');
  const path = body.slice(0, bar).trim();
  return { ...(path === '-' ? {} : { path }), text: body.slice(bar + 1).trim() };
}

export function loadBrokenFixtures(): BrokenFixture[] {
  return readdirSync(BROKEN_DIR)
    .filter((f) => f.endsWith('.yml'))
    .sort()
    .map((name) => {
      const file = join(BROKEN_DIR, name);
      const lines = readFileSync(file, 'utf8').split('\n');
      let kind: ConfigKind | undefined;
      const paramFlags: string[] = [];
      const expected: ExpectedIssue[] = [];
      lines.forEach((line, i) => {
        let m = /^# kind: (\S+)/.exec(line);
        if (m) kind = m[1] as ConfigKind;
        m = /^# params: (.*)$/.exec(line);
        if (m) paramFlags.push(...(m[1] ?? '').trim().split(/\s+/));
        m = /^# expect-line (\d+)(?::(\d+))?: (.*)$/.exec(line);
        if (m) {
          expected.push({
            file,
            line: Number(m[1]),
            ...(m[2] ? { column: Number(m[2]) } : {}),
            ...splitExpectation(m[3] ?? ''),
          });
        }
        m = /^# expect-in (\S+) (\d+):(\d+): (.*)$/.exec(line);
        if (m) {
          expected.push({
            file: join(REFERENCE_DATA, m[1] ?? ''),
            line: Number(m[2]),
            column: Number(m[3]),
            ...splitExpectation(m[4] ?? ''),
          });
        }
        m = /#\s*expect(?:@(\d+))?: (.*)$/.exec(line);
        if (m && !line.startsWith('# expect-')) {
          expected.push({
            file,
            line: i + 1,
            ...(m[1] ? { column: Number(m[1]) } : {}),
            ...splitExpectation(m[2] ?? ''),
          });
        }
      });
      if (!kind) throw new Error(`${name}: no '# kind:' header`);
      const params: Params = {};
      for (const flag of paramFlags) {
        const eq = flag.indexOf('=');
        params[flag.slice(0, eq)] = flag.slice(eq + 1);
      }
      return { name, file, kind, params, paramFlags, expected };
    });
}
