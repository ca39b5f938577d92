/**
 * Poisson workloads as the reference named them:
 * `poisson_<templates>_<texts per template>_<queries per text|None>_<lambda>_<seed>[_<total>]`.
 * Exponential inter-arrival times at rate lambda (queries/s) from 2026-01-01 00:00 UTC.
 */
import { InputError, pythonFloatRepr } from '@autoslo/config';
import { parseDateMs } from '../io/timestamp.js';
import { SeededRandom } from '../seeded-random.js';
import { type TraceRow, traceFromRows } from '../trace.js';
import { pickTemplates, queryTexts } from './_query-texts.js';
import { DEFAULT_SCHEMA, type GeneratedWorkload, TPCDS_TEMPLATES } from './generated-workload.js';

export interface PoissonOptions {
  /** Templates drawn from 1..99 (default 99). */
  numTemplates?: number;
  /** Variants per template (default 1). */
  textsPerTemplate?: number;
  /** Each text appears this many times; null draws `totalQueries` texts at random (default 3). */
  queriesPerText?: number | null;
  /** Arrival rate, queries per second (default 0.2). */
  lambda?: number;
  seed?: number;
  /** Needed when `queriesPerText` is null. */
  totalQueries?: number;
  schema?: string;
  /** First day, `YYYY-MM-DD` (default 2026-01-01). */
  startDate?: string;
}

export function checkPositiveInt(value: number, path: string, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new InputError({
      path,
      message: `must be an integer from 1 to ${max}`,
      received: String(value),
    });
  }
}

export function checkPositive(value: number, path: string): void {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new InputError({ path, message: 'must be a number > 0', received: String(value) });
  }
}

export function startMsOf(date: string, path = 'start_date'): number {
  const ms = parseDateMs(date);
  if (Number.isNaN(ms))
    throw new InputError({ path, message: 'not a date', expected: 'YYYY-MM-DD', received: date });
  return ms;
}

/** Rows at exponential gaps (integer milliseconds) for the given texts in order. */
export function poissonRows(
  rng: SeededRandom,
  texts: readonly string[],
  lambda: number,
  startMs: number,
  firstId = 0,
): TraceRow[] {
  let t = startMs;
  return texts.map((text, i) => {
    t += rng.exponential(lambda) * 1000;
    return {
      queryId: firstId + i,
      absStartMs: Math.round(t),
      queryTextId: text,
      repetitionId: firstId + i,
    };
  });
}

export function generatePoisson(options: PoissonOptions = {}): GeneratedWorkload {
  const numTemplates = options.numTemplates ?? TPCDS_TEMPLATES;
  const texts = options.textsPerTemplate ?? 1;
  const perText = options.queriesPerText === undefined ? 3 : options.queriesPerText;
  const lambda = options.lambda ?? 0.2;
  const seed = options.seed ?? 42;
  checkPositiveInt(numTemplates, 'num_templates', TPCDS_TEMPLATES);
  checkPositiveInt(texts, 'texts_per_template', 999);
  checkPositive(lambda, 'lambda');
  if (perText !== null) checkPositiveInt(perText, 'queries_per_text');
  if (perText === null && options.totalQueries === undefined) {
    throw new InputError({
      path: 'total_queries',
      message: 'is required when queries_per_text is None',
    });
  }
  if (options.totalQueries !== undefined) checkPositiveInt(options.totalQueries, 'total_queries');
  const startMs = startMsOf(options.startDate ?? '2026-01-01');

  const rng = new SeededRandom(seed);
  const pool = queryTexts(
    options.schema ?? DEFAULT_SCHEMA,
    pickTemplates(rng, numTemplates),
    texts,
  );
  let order: string[];
  if (perText !== null) {
    order = rng.shuffle(pool.flatMap((text) => Array.from({ length: perText }, () => text)));
    if (options.totalQueries !== undefined) order = order.slice(0, options.totalQueries);
  } else {
    order = Array.from(
      { length: options.totalQueries as number },
      () => pool[rng.int(pool.length)] as string,
    );
  }
  let name = `poisson_${numTemplates}_${texts}_${perText ?? 'None'}_${pythonFloatRepr(lambda)}_${seed}`;
  if (options.totalQueries !== undefined) name += `_${options.totalQueries}`;
  return { name, trace: traceFromRows(poissonRows(rng, order, lambda, startMs)) };
}
