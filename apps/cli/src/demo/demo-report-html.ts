/**
 * The demo's HTML report: what it found (every method against the threshold, static pools,
 * peer autoscalers and AutoSLO side by side), the plot's interactive charts, both tuning runs,
 * and the timelines of AutoSLO and of the cheapest static pool and peer autoscaler that meet
 * the threshold.
 */

import type { PlotResult } from '@autoslo/plotter';
import {
  plotSection,
  type ReportDocument,
  type ReportSection,
  runSection,
  tuningSection,
} from '@autoslo/report';
import type { DemoFindings, ScoredMethod } from './demo-findings.js';
import { findingsText } from './demo-report-text.js';

export interface DemoReportInput {
  readonly dataDir: string;
  readonly findings: DemoFindings | null;
  readonly plot: PlotResult | null;
  readonly tunerRunDirs: readonly string[];
}

const kindOf = (m: ScoredMethod): string =>
  m.isStatic ? 'static pool' : m.isPeer ? 'peer autoscaler' : 'AutoSLO';

function findingsSection(f: DemoFindings): ReportSection {
  const lines = findingsText(f);
  const summary = lines.slice(lines.indexOf('') + 1).filter((l) => l !== '');
  return {
    id: 'findings',
    title: 'What the demo found',
    intro: summary,
    tables: [
      {
        id: 'findings-table',
        title: `Every method on the target day (threshold ${f.threshold})`,
        columns: [
          { label: 'method', numeric: false },
          { label: 'kind', numeric: false },
          { label: 'violation rate', numeric: true },
          { label: 'cost ($)', numeric: true },
          { label: `meets ${f.threshold}`, numeric: false },
        ],
        rows: f.methods.map((m) => [
          m.label,
          kindOf(m),
          Number(m.violation.toFixed(4)),
          Number(m.cost.toFixed(2)),
          m.meets ? 'yes' : 'no',
        ]),
      },
    ],
  };
}

export async function demoReportDocument(input: DemoReportInput): Promise<ReportDocument> {
  const sections: ReportSection[] = [];
  if (input.findings) sections.push(findingsSection(input.findings));
  if (input.plot && input.plot.status !== 'no-points') sections.push(plotSection(input.plot));
  for (const dir of input.tunerRunDirs) sections.push(await tuningSection(dir, input.dataDir));
  const f = input.findings;
  const timelines = [f?.headline, f?.cheapestStaticMeeting, f?.cheapestPeerMeeting].filter(
    (m): m is ScoredMethod => m !== null && m !== undefined,
  );
  for (const [i, m] of timelines.entries()) {
    sections.push(
      await runSection(m.runDir, {
        dataDir: input.dataDir,
        label: `${m.label} (${kindOf(m)})`,
        id: `run-${i}`,
      }),
    );
  }
  return {
    title: 'AutoSLO demo',
    subtitle:
      'Static pools, the peer systems\u2019 autoscalers and AutoSLO on the same day, workload, latency model and billing.',
    sections,
  };
}
