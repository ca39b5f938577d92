/** Render a report document and write it atomically (aside, then renamed). */
import { writeFileAtomic } from '@autoslo/config';
import { renderReportHtml } from './render-report-html.js';
import type { ReportDocument } from './report-document.js';

export async function writeReport(path: string, doc: ReportDocument): Promise<string> {
  await writeFileAtomic(path, await renderReportHtml(doc));
  return path;
}
