/**
 * Writes the demo query-text catalog, data/query_texts/tpcds/<TTT>.sql for TTT = 001..099.
 * Deterministic; a test checks the committed files match. Run from the repository root:
 *   pnpm --filter @autoslo/redshift generate:query-texts
 */
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '@autoslo/config';
import { DEMO_QUERY_TEXT_SCHEMA, demoTemplates } from '../src/local/demo-query-texts.js';

const root = resolve(import.meta.dirname, '../../..');
const dir = join(root, 'data', 'query_texts', DEMO_QUERY_TEXT_SCHEMA);
for (const t of demoTemplates()) {
  await writeFileAtomic(join(dir, `${t.templateId}.sql`), `${t.sql}\n`);
}
process.stdout.write(`wrote ${demoTemplates().length} query texts to ${dir}\n`);
