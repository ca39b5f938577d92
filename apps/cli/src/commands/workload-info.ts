/** `autoslo workload info <name or path>`: rows, time range, days, templates, rate. */
import { extname, resolve } from 'node:path';
import {
  readWorkloadFile,
  resolveWorkloadFile,
  summarizeTrace,
  summarizeWorkloadParquet,
} from '@autoslo/workload';
import { type Command, UsageError } from '../command.js';
import { printJson } from './workload-flags.js';

export const workloadInfoCommand: Command = {
  usage: [
    'Usage: autoslo workload info <name or path> [--json]',
    '',
    'A name is looked up as <data dir>/workloads/<name>.parquet, then .csv; a path is read as is.',
    '--json prints every figure, arrivals per day included.',
  ].join('\n'),
  options: {},
  async run(ctx, { positionals }) {
    const [target, ...rest] = positionals;
    if (!target || rest.length > 0) throw new UsageError('expected one workload name or file path');
    const isPath =
      ['.parquet', '.csv'].includes(extname(target).toLowerCase()) || target.includes('/');
    const file = isPath
      ? resolve(target)
      : await resolveWorkloadFile({ workload_name: target }, ctx.dataDir);
    // Parquet streams one row group at a time (only the columns the summary needs).
    let rowGroups: { read: number; total: number } | null = null;
    let s: ReturnType<typeof summarizeTrace>;
    if (extname(file).toLowerCase() === '.parquet') {
      const out = await summarizeWorkloadParquet(file);
      s = out.summary;
      rowGroups = out.rowGroups;
    } else s = summarizeTrace(await readWorkloadFile(file));
    if (ctx.json) {
      printJson(ctx.stdout, { file, ...s, row_groups_read: rowGroups?.read ?? null });
      return 0;
    }
    const lines = [
      `file:         ${file}`,
      `rows:         ${s.rows}`,
      `schema:       ${s.schema}`,
      `time range:   ${s.firstArrival} to ${s.lastArrival}`,
      `days:         ${s.days} (mean ${s.meanPerDay.toFixed(1)} queries/day)`,
      `templates:    ${s.templates} (${s.queryTexts} query texts)`,
      `rate:         ${s.meanRatePerS.toFixed(4)} queries/s overall, peak hour ${s.peakHourCount} queries at ${s.peakHourStart}`,
      `latencies:    ${(s.isolatedLatencyCoverage * 100).toFixed(1)}% of rows have an isolated latency`,
      ...(rowGroups ? [`row groups:   ${rowGroups.read} of ${rowGroups.total} read`] : []),
    ];
    ctx.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
};
