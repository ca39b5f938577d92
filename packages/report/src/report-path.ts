/** Where reports go by default: `<data dir>/reports/<name>.html`. */
import { join } from 'node:path';

export function defaultReportPath(dataDir: string, name: string): string {
  return join(dataDir, 'reports', `${name.replace(/[/\\]+/g, '_')}.html`);
}
