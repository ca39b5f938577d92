/**
 * What a report holds, as plain data: sections of charts, tables, facts and code blocks.
 * Everything here is serialised to JSON and inlined in the page; the browser script draws it.
 * Chart configurations are chart.js JSON (no functions): tooltips come from each point's `tip`
 * lines.
 */

/** A chart.js point with the lines its tooltip shows (`tip`), beside x and y. */
export interface TipPoint {
  /** A number, or a category label on a bar chart. */
  readonly x: number | string;
  /** Null breaks a line (between scenario days drawn as one dataset). */
  readonly y: number | null;
  readonly tip?: readonly string[];
}

export interface ReportDataset {
  readonly label: string;
  /** Numbers for category charts (bars), points for x/y charts. */
  readonly data: readonly (number | TipPoint)[];
  /** `data`: counts as drawn points; `guide`: a threshold line or similar, not counted. */
  readonly role: 'data' | 'guide';
  readonly [chartJsOption: string]: unknown;
}

export interface ReportChart {
  /** Unique in the document; the canvas id. */
  readonly id: string;
  readonly title: string;
  readonly type: 'scatter' | 'line' | 'bar';
  readonly labels?: readonly string[];
  readonly datasets: readonly ReportDataset[];
  /** chart.js `options` (scales, plugins ...), JSON only. */
  readonly options: Readonly<Record<string, unknown>>;
  /** A sentence under the chart saying how to read it. */
  readonly caption?: string;
  /** Span the page's width instead of one column of two. */
  readonly wide?: boolean;
}

export type Cell = string | number | null;

export interface ReportTable {
  readonly id: string;
  readonly title: string;
  readonly columns: readonly { readonly label: string; readonly numeric: boolean }[];
  readonly rows: readonly (readonly Cell[])[];
}

export interface ReportSection {
  readonly id: string;
  readonly title: string;
  /** Short paragraphs above the section's content. */
  readonly intro?: readonly string[];
  /** Label/value pairs shown as a small definition list. */
  readonly facts?: readonly (readonly [string, string])[];
  readonly charts?: readonly ReportChart[];
  readonly tables?: readonly ReportTable[];
  /** Verbatim text (a config's YAML), shown in a <pre>. */
  readonly code?: readonly { readonly title: string; readonly text: string }[];
}

export interface ReportDocument {
  readonly title: string;
  /** One line under the title (what the report was made from). */
  readonly subtitle?: string;
  readonly sections: readonly ReportSection[];
}

/** Drawn points of a chart (datasets with role `data`); the browser tests expect this many. */
export function dataPointCount(chart: ReportChart): number {
  return chart.datasets.filter((d) => d.role === 'data').reduce((n, d) => n + d.data.length, 0);
}
