/** The calibration report: a JSON document and the same content as text for a terminal. */
import type { Calibration } from './calibrate.js';
import type { RunComparison } from './compare-run.js';
import type { FittedParameter } from './latency-model-fit.js';

export interface CalibrationReport {
  readonly parameters: readonly FittedParameter[];
  readonly referenceRpu: number;
  readonly observations: number;
  readonly rpuSizes: readonly number[];
  readonly maxConcurrency: number;
  readonly excluded: Readonly<Record<string, number>>;
  readonly templates: Calibration['fit']['templates'];
  readonly trainingRuns: readonly string[];
  readonly heldOutRuns: readonly string[];
  readonly slosFrom: string;
  readonly heldOut: readonly {
    readonly run: string;
    readonly calibrated: ComparisonFigures;
    readonly prior: ComparisonFigures;
  }[];
  readonly latencyModelConfig: Calibration['config'];
}

export interface ComparisonFigures {
  readonly queries: number;
  readonly medianApe: number;
  readonly p90Ape: number;
  readonly violationRate: RunComparison['violationRate'];
  readonly cost: RunComparison['cost'];
  readonly templates: RunComparison['templates'];
}

function figures(c: RunComparison): ComparisonFigures {
  return {
    queries: c.queries,
    medianApe: c.medianApe,
    p90Ape: c.p90Ape,
    violationRate: c.violationRate,
    cost: c.cost,
    templates: c.templates,
  };
}

export function calibrationReport(c: Calibration): CalibrationReport {
  const f = c.fit;
  return {
    parameters: [f.rpuExponent, f.parallelismPerRpu, f.admissionLimit, f.noiseCv],
    referenceRpu: f.referenceRpu,
    observations: f.observations,
    rpuSizes: f.rpuSizes,
    maxConcurrency: f.maxConcurrency,
    excluded: c.excluded,
    templates: f.templates,
    trainingRuns: c.trainingRuns,
    heldOutRuns: c.heldOutRuns,
    slosFrom: c.slosFrom,
    heldOut: c.heldOut.calibrated.map((cal, i) => ({
      run: cal.runId,
      calibrated: figures(cal),
      prior: figures(c.heldOut.prior[i] as RunComparison),
    })),
    latencyModelConfig: c.config,
  };
}

const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : 'n/a');
const num = (x: number | null) => (x === null ? 'none' : Number(x.toPrecision(4)).toString());

function comparisonLines(label: string, m: ComparisonFigures): string[] {
  const vr = m.violationRate;
  return [
    `    ${label.padEnd(11)} latency APE median ${pct(m.medianApe).padStart(7)}  p90 ${pct(m.p90Ape).padStart(7)}` +
      (vr ? `  violations ${pct(vr.predicted)} (measured ${pct(vr.measured)})` : '') +
      `  cost $${m.cost.predicted.toFixed(2)} (measured $${m.cost.measured.toFixed(2)})`,
  ];
}

export function calibrationReportText(r: CalibrationReport): string {
  const lines: string[] = [];
  lines.push(
    `Fitted on ${r.observations} finished queries of ${r.trainingRuns.join(', ')}; RPU sizes ${r.rpuSizes.join(', ')}; at most ${r.maxConcurrency} executing at once`,
  );
  const excluded = Object.entries(r.excluded).filter(([, n]) => n > 0);
  if (excluded.length > 0)
    lines.push(`Left out of the fit: ${excluded.map(([k, n]) => `${n} ${k}`).join(', ')}`);
  lines.push('', 'Parameters (reference RPU ' + r.referenceRpu + ')');
  for (const p of r.parameters) {
    const value = p.identified
      ? `${num(p.value)}${p.interval ? ` [${num(p.interval[0])}, ${num(p.interval[1])}]` : ''}`
      : `not identifiable, keeping the prior ${num(p.prior)}`;
    lines.push(`  ${p.name.padEnd(20)} ${value}`);
    lines.push(`  ${''.padEnd(20)} ${p.note}`);
  }
  lines.push('', 'Isolated latency at the reference RPU (the profile)');
  for (const t of r.templates) {
    lines.push(
      `  ${t.queryTextId.padEnd(18)} ${t.isolatedLatencyS.toFixed(3).padStart(9)} s  ${String(t.observations).padStart(6)} queries` +
        (t.noiseCv === null ? '' : `  noise CV ${t.noiseCv.toFixed(2)}`),
    );
  }
  lines.push('', `Error on held-out runs (SLOs: ${r.slosFrom})`);
  for (const h of r.heldOut) {
    lines.push(`  ${h.run}: ${h.calibrated.queries} queries`);
    lines.push(
      ...comparisonLines('calibrated', h.calibrated),
      ...comparisonLines('default', h.prior),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Text of one `compare-live` comparison, with its per-template medians. */
export function comparisonText(c: RunComparison, label = 'model'): string {
  const lines = [`${c.runId}: ${c.queries} queries replayed on their measured workgroups`];
  lines.push(...comparisonLines(label, figures(c)));
  if (c.unknownTemplates > 0)
    lines.push(
      `    ${c.unknownTemplates} queries of templates the profile does not know (default latency used)`,
    );
  lines.push('    template            measured p50  model p50  APE p50');
  for (const t of c.templates) {
    lines.push(
      `    ${t.queryTextId.padEnd(18)} ${t.medianMeasuredS.toFixed(3).padStart(11)} s ${t.medianPredictedS.toFixed(3).padStart(9)} s ${pct(t.medianApe).padStart(8)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
