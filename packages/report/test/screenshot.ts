/**
 * `pnpm --filter @autoslo/report screenshot <report.html> <out.png> [height]`: the top of a
 * report in headless Chromium (the browser tests' launcher), 1200 px wide, with the tooltip of
 * the first scatter's last method shown. docs/report-screenshot.png is made this way from the
 * demo's report.
 */
import { pathToFileURL } from 'node:url';
import { launchChromium } from './browser.js';

interface PageChart {
  data: { datasets: { autosloRole?: string }[] };
  getDatasetMeta(i: number): { data: { x: number; y: number }[] };
}

const [file, out, height = '1500'] = process.argv.slice(2);
if (!file || !out) {
  console.error('usage: screenshot <report.html> <out.png> [height]');
  process.exit(2);
}
const b = await launchChromium();
try {
  const page = await b.browser.newPage();
  await page.setViewport({ width: 1200, height: Number(height), deviceScaleFactor: 1 });
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction('window.autosloReport && window.autosloReport.ready');
  const at = await page.evaluate(() => {
    const charts = (window as unknown as { autosloReport: { charts: Record<string, PageChart> } })
      .autosloReport.charts;
    const id = Object.keys(charts).find((k) => k.endsWith('-scatter'));
    if (!id) return null;
    const chart = charts[id]!;
    const n = chart.data.datasets.filter((d) => d.autosloRole === 'data').length;
    const point = chart.getDatasetMeta(n - 1).data[0]!;
    const box = document.getElementById(id)!.getBoundingClientRect();
    return { x: box.left + point.x, y: box.top + point.y };
  });
  if (at) await page.mouse.move(at.x, at.y);
  await page.screenshot({ path: out as `${string}.png` });
} finally {
  await b.close();
}
