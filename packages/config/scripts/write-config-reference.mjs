// Regenerates docs/config.md from the built schemas: `pnpm --filter @autoslo/config run write-docs`.
import { writeFileSync } from 'node:fs';
import { renderConfigReference } from '../dist/index.js';

const target = new URL('../../../docs/config.md', import.meta.url);
writeFileSync(target, renderConfigReference());
console.log(`wrote ${target.pathname}`);
