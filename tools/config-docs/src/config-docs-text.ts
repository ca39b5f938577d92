/** The generated reference's text and its place in the repository. */
import { join } from 'node:path';
import { KIND_DOCS } from './kind-docs.js';
import { renderConfigDocs } from './render-config-docs.js';
import { readSourceComments } from './source-comments.js';

const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
export const CONFIG_DOCS_FILE = join(REPO_ROOT, 'docs', 'configuration.md');
export const SCHEMAS_DIR = join(REPO_ROOT, 'packages', 'config', 'src', 'schemas');

export function configDocsText(): string {
  return renderConfigDocs(KIND_DOCS, readSourceComments(SCHEMAS_DIR));
}
