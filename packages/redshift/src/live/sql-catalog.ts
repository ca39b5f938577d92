/**
 * SQL text per query_text_id from the data directory's catalog:
 * `query_texts/<schema>/<query_text_id>.sql`, else `query_texts/<schema>/<TTT>.sql` (the
 * template's text). Every id is looked up before a run starts, so a run never begins with
 * queries it cannot send.
 */
import { readFile } from 'node:fs/promises';
import { DataDir, InputError, type InputIssue } from '@autoslo/config';
import { templateIdOf } from '@autoslo/core';

/** Data API statements are limited to 100 KB. */
export const MAX_STATEMENT_BYTES = 100 * 1024;

function schemaOf(id: string): string {
  const hash = id.indexOf('#');
  return hash === -1 ? id : id.slice(0, hash);
}

async function readIfPresent(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export class SqlCatalog {
  private constructor(private readonly texts: ReadonlyMap<string, string>) {}

  /**
   * Loads the SQL of every distinct id.
   * @throws InputError listing every id whose SQL is missing or too large.
   */
  static async load(dataDir: string, queryTextIds: Iterable<string>): Promise<SqlCatalog> {
    const dir = new DataDir(dataDir);
    const texts = new Map<string, string>();
    const issues: InputIssue[] = [];
    for (const id of new Set(queryTextIds)) {
      const schema = schemaOf(id);
      const own = dir.queryText(schema, id);
      const template = templateIdOf(id);
      let text = await readIfPresent(own);
      let file = own;
      if (text === null && template !== null) {
        file = dir.queryText(schema, template);
        text = await readIfPresent(file);
      }
      if (text === null || text.trim() === '') {
        issues.push({
          file: own,
          path: id,
          message: `no SQL for query_text_id '${id}' (looked for ${own}${template !== null ? ` and ${file}` : ''})`,
        });
        continue;
      }
      if (Buffer.byteLength(text) > MAX_STATEMENT_BYTES) {
        issues.push({ file, path: id, message: 'SQL is over the Data API limit of 100 KB' });
        continue;
      }
      texts.set(id, text.trim());
    }
    if (issues.length > 0) throw new InputError(issues);
    return new SqlCatalog(texts);
  }

  get size(): number {
    return this.texts.size;
  }

  sqlOf(queryTextId: string): string {
    const text = this.texts.get(queryTextId);
    if (text === undefined) throw new Error(`no SQL loaded for '${queryTextId}'`);
    return text;
  }
}

/** The measured statement: the tag comment first, so SYS_QUERY_HISTORY finds it by prefix. */
export function taggedSql(runId: string, queryId: number, sql: string): string {
  return `--${runId}/${queryId}\n${sql}`;
}
