/**
 * Phased Poisson: consecutive phases of `queries` arrivals at rate `lambda`,
 * named as the reference did: `poisson_99_3_None_None_42_phased_15q0.05l_10q0.2l`.
 */
import { InputError, pythonFloatRepr } from '@autoslo/config';
import { SeededRandom } from '../seeded-random.js';
import { type TraceRow, traceFromRows } from '../trace.js';
import { pickTemplates, queryTexts } from './_query-texts.js';
import { checkPositive, checkPositiveInt, poissonRows, startMsOf } from './generate-poisson.js';
import { DEFAULT_SCHEMA, type GeneratedWorkload, TPCDS_TEMPLATES } from './generated-workload.js';

export interface PoissonPhase {
  queries: number;
  /** Queries per second during the phase. */
  lambda: number;
}

export interface PhasedPoissonOptions {
  phases: readonly PoissonPhase[];
  numTemplates?: number;
  textsPerTemplate?: number;
  seed?: number;
  schema?: string;
  startDate?: string;
}

/** `15q0.05l,10q0.2l` (or `15:0.05,10:0.2`) to phases. */
export function parsePhases(text: string): PoissonPhase[] {
  return text.split(',').map((part) => {
    const m = /^\s*(\d+)\s*(?:q|:)\s*([0-9.eE+-]+)\s*l?\s*$/.exec(part);
    if (!m) {
      throw new InputError({
        path: 'phases',
        message: 'each phase is <queries>q<lambda>l, e.g. 15q0.05l',
        received: part,
      });
    }
    return { queries: Number(m[1]), lambda: Number(m[2]) };
  });
}

export function generatePhasedPoisson(options: PhasedPoissonOptions): GeneratedWorkload {
  const numTemplates = options.numTemplates ?? TPCDS_TEMPLATES;
  const texts = options.textsPerTemplate ?? 3;
  const seed = options.seed ?? 42;
  checkPositiveInt(numTemplates, 'num_templates', TPCDS_TEMPLATES);
  checkPositiveInt(texts, 'texts_per_template', 999);
  if (options.phases.length === 0)
    throw new InputError({ path: 'phases', message: 'at least one phase is needed' });
  options.phases.forEach((p, i) => {
    checkPositiveInt(p.queries, `phases.${i}.queries`);
    checkPositive(p.lambda, `phases.${i}.lambda`);
  });
  const rng = new SeededRandom(seed);
  const pool = queryTexts(
    options.schema ?? DEFAULT_SCHEMA,
    pickTemplates(rng, numTemplates),
    texts,
  );
  const rows: TraceRow[] = [];
  let t = startMsOf(options.startDate ?? '2026-01-01');
  for (const phase of options.phases) {
    const order = Array.from({ length: phase.queries }, () => pool[rng.int(pool.length)] as string);
    const phaseRows = poissonRows(rng, order, phase.lambda, t, rows.length);
    rows.push(...phaseRows);
    t = phaseRows[phaseRows.length - 1]?.absStartMs ?? t;
  }
  const phaseNames = options.phases
    .map((p) => `${p.queries}q${pythonFloatRepr(p.lambda)}l`)
    .join('_');
  return {
    name: `poisson_${numTemplates}_${texts}_None_None_${seed}_phased_${phaseNames}`,
    trace: traceFromRows(rows),
  };
}
