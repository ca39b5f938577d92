/**
 * The report in a real browser (headless Chromium from the system package): every chart drew
 * (canvas not blank, as many points as the data), a tooltip appears on hover, tables sort,
 * nothing is fetched from the network, nothing injected runs, and the console stays clean.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { plotManifest } from '@autoslo/plotter';
import type { Page } from 'puppeteer-core';
import {
  calibrationSection,
  dataPointCount,
  plotSection,
  type ReportDocument,
  runSection,
  tuningSection,
  writeReport,
} from '../src/index.js';
import { launchChromium, type TestBrowser } from './browser.js';
import { type FixtureData, HOSTILE_LABEL, writeFixtureData } from './fixture-data.js';

let fx: FixtureData;
let browser: TestBrowser;
let page: Page;
let doc: ReportDocument;
const consoleErrors: string[] = [];
const requests: string[] = [];

beforeAll(async () => {
  fx = await writeFixtureData();
  const plot = await plotManifest('fx', { dataDir: fx.dataDir, scoreOnly: true });
  doc = {
    title: `Fixture report ${HOSTILE_LABEL}`,
    sections: [
      plotSection(plot),
      await tuningSection(fx.tunerRunDir, fx.dataDir),
      await runSection(fx.runDirs[0]!, { dataDir: fx.dataDir, label: HOSTILE_LABEL }),
      calibrationSection({ points: [{ label: 'q1', predictedS: 11, measuredS: 10 }] }),
    ],
  };
  const file = await writeReport(join(fx.dataDir, 'reports', 'fx.html'), doc);
  browser = await launchChromium();
  page = await browser.browser.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.setRequestInterception(true);
  page.on('request', (r) => {
    requests.push(r.url());
    if (r.url().startsWith('file:')) void r.continue();
    else void r.abort();
  });
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: 20_000 });
  await page.waitForFunction('window.autosloReport && window.autosloReport.ready', {
    timeout: 20_000,
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await rm(fx.dataDir, { recursive: true, force: true });
});

const charts = () => doc.sections.flatMap((s) => s.charts ?? []);

test('every chart drew: a non-blank canvas with as many points as its data', async () => {
  expect(charts().length).toBeGreaterThanOrEqual(12);
  for (const chart of charts()) {
    const drawn = (await page.evaluate((id: string) => {
      const c = (window as unknown as { autosloReport: { charts: Record<string, ChartLike> } })
        .autosloReport.charts[id];
      const canvas = document.getElementById(id) as HTMLCanvasElement;
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let inked = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) inked++;
      const points = c
        ? c.data.datasets.reduce(
            (n: number, d: { autosloRole?: string }, i: number) =>
              d.autosloRole === 'data' ? n + c.getDatasetMeta(i).data.length : n,
            0,
          )
        : -1;
      return { inked, points, width: canvas.width };
    }, chart.id)) as { inked: number; points: number; width: number };
    expect([chart.id, drawn.points]).toEqual([chart.id, dataPointCount(chart)]);
    expect([chart.id, drawn.width > 100, drawn.inked > 1000]).toEqual([chart.id, true, true]);
  }
});

interface ChartLike {
  data: { datasets: { autosloRole?: string }[] };
  getDatasetMeta(i: number): { data: { x: number; y: number }[] };
  tooltip: { opacity: number; body?: { lines: string[] }[] };
}

test('hovering a point of the scatter shows its tooltip (method, config id, run id, violation, cost)', async () => {
  const id = charts().find((c) => c.id.endsWith('-scatter'))!.id;
  const at = (await page.evaluate((chartId: string) => {
    const canvas = document.getElementById(chartId)!;
    canvas.scrollIntoView({ block: 'center' });
    const c = (window as unknown as { autosloReport: { charts: Record<string, ChartLike> } })
      .autosloReport.charts[chartId]!;
    const point = c.getDatasetMeta(1).data[0]!;
    const box = canvas.getBoundingClientRect();
    return { x: box.left + point.x, y: box.top + point.y };
  }, id)) as { x: number; y: number };
  await page.mouse.move(at.x, at.y);
  await page.waitForFunction(
    (chartId: string) =>
      (window as unknown as { autosloReport: { charts: Record<string, ChartLike> } }).autosloReport
        .charts[chartId]!.tooltip.opacity > 0,
    { timeout: 5_000 },
    id,
  );
  const lines = (await page.evaluate(
    (chartId: string) =>
      (
        window as unknown as { autosloReport: { charts: Record<string, ChartLike> } }
      ).autosloReport.charts[chartId]!.tooltip.body!.flatMap((b) => b.lines),
    id,
  )) as string[];
  expect(lines).toEqual(
    expect.arrayContaining(['method: B', 'config id: c__N=2', 'run id: (simulated)']),
  );
  expect(lines.some((l) => l.startsWith('cost: $'))).toBe(true);
});

test('clicking a column heading sorts the table', async () => {
  const table = doc.sections[0]!.tables![0]!.id;
  const costs = async () =>
    (await page.$$eval(`#${table} tbody tr`, (rows) =>
      rows.map((r) => Number(r.children[4]!.getAttribute('data-v'))),
    )) as number[];
  await page.click(`#${table} thead th:nth-child(5)`);
  const ascending = await costs();
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  await page.click(`#${table} thead th:nth-child(5)`);
  expect(await costs()).toEqual([...ascending].reverse());
});

test('nothing is fetched, nothing injected runs, and the console has no errors', async () => {
  expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
  expect(await page.evaluate('window.__pwned')).toBeUndefined();
  expect(await page.evaluate('document.title')).toBe(`Fixture report ${HOSTILE_LABEL}`);
  expect(await page.evaluate('JSON.stringify(window.autosloReport.errors)')).toBe('[]');
  expect(consoleErrors).toEqual([]);
});
