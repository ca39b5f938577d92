/** The demo's report as a newcomer reads it: stages, results per method, findings, outputs. */
import { relative } from 'node:path';
import type { DemoFindings, Saving } from './demo-findings.js';
import type { DemoReport } from './run-demo.js';

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = (rows[0] ?? []).map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) =>
    r
      .map((cell, c) => cell.padEnd(widths[c] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

/** A path relative to `cwd` when it lies below it, so the lines stay short. */
function shortPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel.startsWith('..') || rel === '' ? path : rel;
}

export function findingsText(f: DemoFindings): string[] {
  const t = f.threshold.toFixed(2);
  const lines = table([
    ['method', 'violation rate', 'cost', `meets ${t}`],
    ...f.methods.map((m) => [
      m.label,
      m.violation.toFixed(4),
      `$${m.cost.toFixed(2)}`,
      m.meets ? 'yes' : 'no',
    ]),
  ]);
  const meeting = f.methods.filter((m) => m.meets).map((m) => m.label);
  lines.push(
    '',
    `Meet the ${t} threshold: ${meeting.length > 0 ? meeting.join(', ') : 'none'}`,
    f.cheapestStaticMeeting
      ? `Cheapest static baseline that meets it: ${f.cheapestStaticMeeting.label} at $${f.cheapestStaticMeeting.cost.toFixed(2)}`
      : 'No static baseline meets it.',
  );
  if (f.methods.some((m) => m.isPeer)) {
    lines.push(
      f.cheapestPeerMeeting
        ? `Cheapest peer autoscaler that meets it: ${f.cheapestPeerMeeting.label} at $${f.cheapestPeerMeeting.cost.toFixed(2)}`
        : 'No peer autoscaler meets it.',
    );
  }
  const savingLine = (s: Saving): string =>
    `${(100 * s.fraction).toFixed(1)}% (${s.dollars < 0 ? '-' : ''}$${Math.abs(s.dollars).toFixed(2)}) saved against ${s.baseline}`;
  if (f.headline && (f.saving || f.savingVsPeer)) {
    const savings = [f.saving, f.savingVsPeer].filter((s): s is Saving => s !== null);
    lines.push(
      `${f.headline.label} costs $${f.headline.cost.toFixed(2)}: ${savings.map(savingLine).join(', ')}`,
    );
  } else if (f.headline) {
    lines.push(
      f.headline.meets
        ? `${f.headline.label} costs $${f.headline.cost.toFixed(2)}; no baseline meeting it to compare with`
        : `${f.headline.label} misses the threshold (${f.headline.violation.toFixed(4)} > ${t})`,
    );
  }
  return lines;
}

export function demoReportText(report: DemoReport, cwd: string): string {
  const lines = ['AutoSLO demo', '', 'Stages'];
  lines.push(
    ...table(
      report.stages.map((s) => [`  ${s.stage}`, s.status, `${s.seconds.toFixed(1)} s`, s.detail]),
    ),
  );
  lines.push('', 'Results on the target day');
  if (report.findings) lines.push(...findingsText(report.findings).map((l) => (l ? `  ${l}` : l)));
  else lines.push('  no simulator run to report (see the stages above)');
  lines.push('', 'Outputs');
  lines.push(...table(report.outputs.map((o) => [`  ${o.what}`, shortPath(o.path, cwd)])));
  if (report.report) lines.push('', `Open the report in a browser: ${report.report}`);
  return `${lines.join('\n')}\n`;
}
