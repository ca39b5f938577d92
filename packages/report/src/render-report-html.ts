/**
 * One self-contained HTML page: styles, chart.js, the report script and the document's data
 * all inlined, so the file opens offline and can be mailed or archived as it is. The page is
 * readable without scripts (headings, facts, tables, YAML); the script adds the charts,
 * tooltips and table sorting.
 */
import { clientAssets } from './client-assets.js';
import { escapeHtml, jsonForScript, scriptForInline } from './html-escape.js';
import type {
  Cell,
  ReportChart,
  ReportDocument,
  ReportSection,
  ReportTable,
} from './report-document.js';

const STYLE = `
:root { color-scheme: light; }
body { font-family: 'DejaVu Sans', Helvetica, Arial, sans-serif; color: #222; margin: 0; background: #f6f6f4; }
header, main, footer { max-width: 1180px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 20px; }
h1 { font-size: 24px; margin: 0 0 4px; }
.subtitle { color: #555; margin: 0 0 12px; }
nav a { margin-right: 14px; color: #2a5db0; text-decoration: none; }
section { background: #fff; border: 1px solid #ddd; border-radius: 6px; margin: 18px 0; padding: 14px 18px; }
h2 { font-size: 19px; margin: 4px 0 10px; }
h3 { font-size: 15px; margin: 8px 0 6px; }
.intro { color: #333; max-width: 900px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 8px 0; }
dl.facts dt { color: #555; } dl.facts dd { margin: 0; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 14px; }
figure { margin: 0; border: 1px solid #eee; border-radius: 4px; padding: 8px; }
figure.wide { grid-column: 1 / -1; } figure.wide .chart-box { height: 420px; }
figcaption { font-weight: bold; font-size: 14px; margin-bottom: 4px; }
.chart-box { position: relative; height: 320px; }
.caption { color: #555; font-size: 12.5px; margin: 6px 0 0; }
table { border-collapse: collapse; font-size: 13px; margin: 6px 0 12px; }
th, td { border-bottom: 1px solid #e4e4e4; padding: 3px 10px; text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
th { cursor: pointer; user-select: none; background: #fafafa; }
th[aria-sort="ascending"]::after { content: ' ▲'; } th[aria-sort="descending"]::after { content: ' ▼'; }
.table-wrap { max-height: 420px; overflow: auto; }
pre { background: #f4f4f4; padding: 10px; overflow: auto; max-height: 420px; font-size: 12px; }
footer { color: #777; font-size: 12px; padding-bottom: 24px; }
`;

function cellHtml(cell: Cell, numeric: boolean): string {
  if (cell === null) return `<td${numeric ? ' class="num"' : ''}></td>`;
  if (typeof cell === 'number') {
    const shown = Number.isInteger(cell) ? String(cell) : cell.toPrecision(6).replace(/\.?0+$/, '');
    return `<td class="num" data-v="${cell}">${escapeHtml(shown)}</td>`;
  }
  return `<td${numeric ? ' class="num"' : ''}>${escapeHtml(cell)}</td>`;
}

function tableHtml(table: ReportTable): string {
  const head = table.columns
    .map((c) => `<th${c.numeric ? ' class="num"' : ''} scope="col">${escapeHtml(c.label)}</th>`)
    .join('');
  const body = table.rows
    .map(
      (r) =>
        `<tr>${r.map((cell, i) => cellHtml(cell, table.columns[i]?.numeric ?? false)).join('')}</tr>`,
    )
    .join('\n');
  return [
    `<h3>${escapeHtml(table.title)}</h3>`,
    `<div class="table-wrap"><table class="sortable" id="${escapeHtml(table.id)}">`,
    `<thead><tr>${head}</tr></thead>`,
    `<tbody>${body}</tbody></table></div>`,
  ].join('\n');
}

function chartHtml(chart: ReportChart): string {
  return [
    chart.wide ? '<figure class="wide">' : '<figure>',
    `<figcaption>${escapeHtml(chart.title)}</figcaption>`,
    `<div class="chart-box"><canvas id="${escapeHtml(chart.id)}" role="img" aria-label="${escapeHtml(chart.title)}"></canvas></div>`,
    chart.caption ? `<p class="caption">${escapeHtml(chart.caption)}</p>` : '',
    '</figure>',
  ].join('');
}

function sectionHtml(section: ReportSection): string {
  const parts = [
    `<section id="${escapeHtml(section.id)}">`,
    `<h2>${escapeHtml(section.title)}</h2>`,
  ];
  for (const p of section.intro ?? []) parts.push(`<p class="intro">${escapeHtml(p)}</p>`);
  if (section.facts && section.facts.length > 0) {
    parts.push(
      `<dl class="facts">${section.facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`,
    );
  }
  if (section.charts && section.charts.length > 0) {
    parts.push(`<div class="charts">${section.charts.map(chartHtml).join('\n')}</div>`);
  }
  for (const t of section.tables ?? []) parts.push(tableHtml(t));
  for (const c of section.code ?? []) {
    parts.push(`<h3>${escapeHtml(c.title)}</h3><pre>${escapeHtml(c.text)}</pre>`);
  }
  parts.push('</section>');
  return parts.join('\n');
}

/** Charts and tables need unique ids: the page's script and the browser tests find them by id. */
function checkIds(doc: ReportDocument): void {
  const seen = new Set<string>();
  for (const s of doc.sections) {
    for (const id of [
      s.id,
      ...(s.charts ?? []).map((c) => c.id),
      ...(s.tables ?? []).map((t) => t.id),
    ]) {
      if (seen.has(id)) throw new Error(`report: duplicate element id '${id}'`);
      seen.add(id);
    }
  }
}

export async function renderReportHtml(doc: ReportDocument): Promise<string> {
  checkIds(doc);
  const assets = await clientAssets();
  const nav = doc.sections
    .map((s) => `<a href="#${escapeHtml(s.id)}">${escapeHtml(s.title)}</a>`)
    .join('');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Nothing is fetched at view time: every script and style is inline.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${escapeHtml(doc.title)}</h1>`,
    doc.subtitle ? `<p class="subtitle">${escapeHtml(doc.subtitle)}</p>` : '',
    `<nav>${nav}</nav>`,
    '</header>',
    '<main>',
    ...doc.sections.map(sectionHtml),
    '</main>',
    `<footer>AutoSLO report. Charts drawn by chart.js ${escapeHtml(assets.chartJsVersion)}, inlined; hover a point for its details, click a column heading to sort.</footer>`,
    `<script type="application/json" id="report-data">${jsonForScript(doc)}</script>`,
    `<script>${scriptForInline(assets.chartJs)}</script>`,
    `<script>${scriptForInline(assets.reportClient)}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
