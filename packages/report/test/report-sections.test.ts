import { cp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { plotManifest } from '@autoslo/plotter';
import { parquetWriteBuffer } from 'hyparquet-writer';
import {
  calibrationSection,
  dataPointCount,
  escapeHtml,
  jsonForScript,
  plotSection,
  type ReportChart,
  type ReportSection,
  renderReportHtml,
  runSection,
  type TipPoint,
  tuningSection,
} from '../src/index.js';
import { type FixtureData, HOSTILE_LABEL, writeFixtureData } from './fixture-data.js';

let fx: FixtureData;
beforeAll(async () => {
  fx = await writeFixtureData();
});
afterAll(async () => {
  await rm(fx.dataDir, { recursive: true, force: true });
});

const chart = (section: ReportSection, suffix: string): ReportChart => {
  const found = section.charts?.find((c) => c.id.endsWith(suffix));
  if (!found) throw new Error(`no chart ending in ${suffix} in ${section.id}`);
  return found;
};
const points = (c: ReportChart, dataset = 0) => c.datasets[dataset]!.data as TipPoint[];

test('escaping leaves no markup in text and nothing that closes a script in JSON', () => {
  expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
    '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
  );
  const json = jsonForScript({ label: '</script><script>x()</script>\u2028' });
  expect(json).not.toMatch(/[<>&\u2028]/);
  expect(JSON.parse(json)).toEqual({ label: '</script><script>x()</script>\u2028' });
});

test('a plotting manifest: a scatter point per method with its tooltip, bars, CDF, clusters and the table', async () => {
  const result = await plotManifest('fx', { dataDir: fx.dataDir, scoreOnly: true });
  const section = plotSection(result);
  const scatter = chart(section, '-scatter');
  expect(dataPointCount(scatter)).toBe(2);
  const a = points(scatter, 0)[0]!;
  // 2 of 10 queries over their SLO: 20 s of template 001 (SLO 10 s) and 40 s of 003 (default 30 s).
  expect(a.x).toBeCloseTo(0.2, 12);
  expect(a.tip).toEqual([
    `method: ${HOSTILE_LABEL}`,
    'config id: c__N=1',
    'run id: (simulated)',
    'violation (rate): 0.2',
    `cost: $${a.y!.toFixed(2)}`,
  ]);
  // The threshold line is drawn but is no method.
  expect(scatter.datasets.map((d) => d.role)).toEqual(['data', 'data', 'guide']);
  expect(chart(section, '-bars').labels).toEqual([HOSTILE_LABEL, 'B']);
  expect(dataPointCount(chart(section, '-cdf'))).toBe(20);
  // c0 from 0, c1 from 300 s to 900 s, then the end of the run at 1200 s.
  expect(points(chart(section, '-clusters')).map((p) => [p.x, p.y])).toEqual([
    [0, 1],
    [300 / 3600, 2].map((v) => Number(v.toFixed(4))),
    [0.25, 1],
    [Number((1200 / 3600).toFixed(4)), 1],
  ]);
  expect(section.tables?.[0]?.rows.map((r) => [r[1], r[5]])).toEqual([
    [HOSTILE_LABEL, 'c__N=1'],
    ['B', 'c__N=2'],
  ]);
});

test('a tuning run: scenarios against history, the spin-up schedule, the sweep and the phases', async () => {
  const section = await tuningSection(fx.tunerRunDir, fx.dataDir);
  const scenarios = chart(section, '-scenarios');
  expect(scenarios.datasets.map((d) => d.label)).toEqual([
    'training scenario days',
    'validation scenario days',
    'history: mean of 2 days to 2024-01-07',
  ]);
  // Two training days of 24 hours, split by one gap point.
  expect(points(scenarios, 0)).toHaveLength(49);
  expect(points(scenarios, 0)[24]).toEqual({ x: 23.5, y: null });
  expect(points(scenarios, 2).map((p) => p.y)).toEqual(
    Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 18 ? 6 : 2)),
  );
  // 8 RPU at the start, +16 at 4 h, +8 at 5 h, held to the end of the 12 h replayed day.
  expect(points(chart(section, '-spinups')).map((p) => [p.x, p.y])).toEqual([
    [0, 8],
    [4, 24],
    [5, 32],
    [12, 32],
  ]);
  const sweep = chart(section, '05_autoscaling_param_sweep');
  const byGroup = Object.fromEntries(
    sweep.datasets.map((d) => [d.label, (d.data as TipPoint[]).map((p) => p.tip?.[0])]),
  );
  expect(byGroup).toMatchObject({
    feasible: ['grid point 0'],
    infeasible: ['grid point 2'],
    chosen: ['grid point 1 (chosen)'],
  });
  expect(chart(section, '-timing').labels).toEqual([
    'Prepare workloads',
    'Autoscaling parameter sweep',
  ]);
  expect(section.code?.[0]?.text).toContain('scheduled_spinups');
});

test('a run: clusters, queries in flight, latency against SLO per template and cost over the day', async () => {
  const section = await runSection(fx.runDirs[0]!, { dataDir: fx.dataDir, label: 'fixture' });
  const cost = points(chart(section, '-cost'));
  // c0 1200 s at $0.001/s and c1 600 s at $0.002/s.
  expect(cost[cost.length - 1]?.y).toBeCloseTo(2.4, 6);
  const depth = points(chart(section, '-queue'));
  expect(Math.max(...depth.map((p) => p.y ?? 0))).toBe(1);
  const latency = chart(section, '-latency');
  // By p95 / SLO: 001 20 s / 10 s, 003 40 s / 30 s, 002 9 s / 20 s.
  expect(latency.labels).toEqual(['tpcds#001', 'tpcds#003', 'tpcds#002']);
  const rows = section.tables?.[0]?.rows ?? [];
  // Template 001: latencies 2, 20, 8, 1 against 10 s; one over.
  expect(rows.find((r) => r[0] === 'tpcds#001')).toEqual(['tpcds#001', 4, 10, 8, 20, 20, 1]);
});

test('a live run, billed by Redshift usage rows only: no cost-over-time chart, a note instead', async () => {
  const dir = join(fx.dataDir, 'runs', '1700000000');
  await cp(fx.runDirs[1]!, dir, { recursive: true });
  await rm(join(dir, 'billing_interval_analysis.yml'));
  const usage = parquetWriteBuffer({
    columnData: [
      { name: 'start_time', data: [new Date(1_700_000_000_000)], type: 'TIMESTAMP' },
      { name: 'charged_seconds', data: [7200], type: 'DOUBLE' },
    ],
  });
  await writeFile(join(dir, 'sys_serverless_usage+wg-1.parquet'), new Uint8Array(usage));
  const section = await runSection(dir, { dataDir: fx.dataDir });
  expect(section.title).toBe('Live run 1700000000');
  expect(section.charts?.map((c) => c.id)).toEqual([
    'run-1700000000-clusters',
    'run-1700000000-queue',
    'run-1700000000-latency',
  ]);
  // 7,200 RPU-seconds at $0.375 per RPU-hour.
  expect(section.intro?.[0]).toBe(
    'No billing_interval_analysis.yml in this run: the cost over time is not drawn (total $0.75).',
  );
});

test('calibration pairs: one point each and the mean relative error', () => {
  const section = calibrationSection({
    points: [
      { label: 'q1', predictedS: 11, measuredS: 10 },
      { label: 'q2', predictedS: 18, measuredS: 20 },
    ],
  });
  expect(dataPointCount(section.charts![0]!)).toBe(2);
  expect(section.facts).toContainEqual(['mean absolute relative error', '10%']);
});

test('the page inlines chart.js, the script and the data, and nothing it inlines closes a script', async () => {
  const result = await plotManifest('fx', { dataDir: fx.dataDir, scoreOnly: true });
  const html = await renderReportHtml({
    title: `Report <${HOSTILE_LABEL}>`,
    sections: [plotSection(result)],
  });
  expect(html.match(/<\/script>/g)).toHaveLength(3);
  expect(html).not.toContain('<img src=x');
  expect(html).toContain('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;');
  expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\/cdn/);
});
