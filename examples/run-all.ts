// Runs every example in order (`pnpm examples` from the repository root).

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const EXAMPLES = ['simulate-configs.ts', 'tune-in-code.ts', 'custom-policy.ts'] as const;

for (const file of EXAMPLES) {
  console.log(`\n=== ${file}`);
  await import(pathToFileURL(join(import.meta.dirname, file)).href);
}
