/** `pnpm docs:config`: writes docs/configuration.md (or checks it with `--check`). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '@autoslo/config';
import { CONFIG_DOCS_FILE, configDocsText } from './config-docs-text.js';

const text = configDocsText();
if (process.argv.includes('--check')) {
  const committed = await readFile(CONFIG_DOCS_FILE, 'utf8').catch(() => '');
  if (committed !== text) {
    console.error(`${CONFIG_DOCS_FILE} is out of date: run pnpm docs:config`);
    process.exit(1);
  }
  console.log(`${CONFIG_DOCS_FILE} is up to date`);
} else {
  await writeFileAtomic(CONFIG_DOCS_FILE, text);
  console.log(`wrote ${join('docs', 'configuration.md')}`);
}
