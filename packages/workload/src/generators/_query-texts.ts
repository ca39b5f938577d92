/** Shared by the Poisson generators: which templates and texts a workload uses. */
import { formatQueryTextId } from '../query-text-id.js';
import type { SeededRandom } from '../seeded-random.js';
import { TPCDS_TEMPLATES } from './generated-workload.js';

/** `numTemplates` distinct templates from 1..99 (all of them, in order, for 99), ascending. */
export function pickTemplates(rng: SeededRandom, numTemplates: number): number[] {
  const all = Array.from({ length: TPCDS_TEMPLATES }, (_, i) => i + 1);
  if (numTemplates >= TPCDS_TEMPLATES) return all;
  return rng
    .shuffle(all)
    .slice(0, numTemplates)
    .sort((a, b) => a - b);
}

/** Every (template, variant) text, `textsPerTemplate` variants per template. */
export function queryTexts(
  schema: string,
  templates: readonly number[],
  textsPerTemplate: number,
): string[] {
  return templates.flatMap((t) =>
    Array.from({ length: textsPerTemplate }, (_, v) => formatQueryTextId(schema, t, v + 1)),
  );
}
