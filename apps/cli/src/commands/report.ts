/**
 * `autoslo report [--plotting-manifest NAME [--live]] [--tuner-run NAME]... [--run DIR]...
 * [--calibration FILE] [--out FILE] [--title T]`: one self-contained HTML page (chart.js and
 * data inlined, nothing fetched when viewed) with interactive charts of each input.
 */
import { isAbsolute, resolve } from 'node:path';
import { DataDir } from '@autoslo/config';
import { plotManifest } from '@autoslo/plotter';
import {
  calibrationSection,
  defaultReportPath,
  plotSection,
  type ReportSection,
  readCalibrationCsv,
  runSection,
  tuningSection,
  writeReport,
} from '@autoslo/report';
import { type Command, UsageError } from '../command.js';
import { printJson, stringFlag } from './workload-flags.js';

/** A tuner run given by name (under tuner_runs/) or as a directory path. */
function tunerRunDir(dataDir: string, nameOrPath: string, cwd: string): string {
  return nameOrPath.includes('/') || nameOrPath.includes('\\')
    ? resolve(cwd, nameOrPath)
    : new DataDir(dataDir).tunerRun(nameOrPath);
}

export const reportCommand: Command = {
  usage: [
    'Usage: autoslo report [--plotting-manifest <name or path> [--live]] [--tuner-run <name or dir>]...',
    '                      [--run <run dir>]... [--calibration <csv>] [--out <file.html>] [--title T]',
    '',
    'Writes one self-contained HTML page (chart.js, script and data inlined; nothing is fetched',
    'when it is opened) with interactive charts: for a plotting manifest the violation/cost',
    'scatter per panel (hover a point: method, config id, run id, violation, cost), the bars,',
    'the latency CDF, the clusters over time and the sortable CSV table; for a tuner run the',
    'scenarios against their history, the spin-up schedule, every sweep point, the phase times',
    'and the tuned YAML; for a simulator or live run directory the clusters, queries in flight,',
    'latency against SLO per template and cost accumulated over the day; for --calibration, a',
    'CSV with columns label,predicted_s,measured_s, predicted against measured latency.',
    'Default output: <data dir>/reports/<name of the first input>.html. Prints the path.',
  ].join('\n'),
  options: {
    'plotting-manifest': { type: 'string' },
    live: { type: 'boolean' },
    'tuner-run': { type: 'string', multiple: true },
    run: { type: 'string', multiple: true },
    calibration: { type: 'string' },
    out: { type: 'string' },
    title: { type: 'string' },
  },
  async run(ctx, { values, positionals }) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const manifest = stringFlag(values, 'plotting-manifest');
    const tunerRuns = (values['tuner-run'] as string[] | undefined) ?? [];
    const runs = (values.run as string[] | undefined) ?? [];
    const calibration = stringFlag(values, 'calibration');
    if (!manifest && tunerRuns.length === 0 && runs.length === 0 && !calibration) {
      throw new UsageError(
        'give at least one of --plotting-manifest, --tuner-run, --run or --calibration',
      );
    }
    const sections: ReportSection[] = [];
    const names: string[] = [];
    if (manifest) {
      const result = await plotManifest(manifest, {
        dataDir: ctx.dataDir,
        live: values.live === true,
        scoreOnly: true,
        warn: (m) => ctx.log(`warning: ${m}`),
      });
      for (const m of result.missing) ctx.log(`${result.stem}: missing '${m.label}': ${m.command}`);
      if (result.status === 'no-points') {
        ctx.log(`${result.stem}: no run found for any point`);
        return 1;
      }
      sections.push(plotSection(result));
      names.push(result.stem);
    }
    for (const run of tunerRuns) {
      const dir = tunerRunDir(ctx.dataDir, run, ctx.cwd);
      sections.push(await tuningSection(dir, ctx.dataDir));
      names.push(dir.split(/[\\/]/).filter(Boolean).pop() ?? 'tuning');
    }
    for (const [i, run] of runs.entries()) {
      const dir = isAbsolute(run) ? run : resolve(ctx.cwd, run);
      sections.push(await runSection(dir, { dataDir: ctx.dataDir, id: `run-${i}` }));
      names.push(dir.split(/[\\/]/).filter(Boolean).pop() ?? 'run');
    }
    if (calibration) {
      const points = await readCalibrationCsv(resolve(ctx.cwd, calibration));
      sections.push(calibrationSection({ points, notes: [`Pairs from ${calibration}.`] }));
      names.push('calibration');
    }
    const outFlag = stringFlag(values, 'out');
    const out = outFlag
      ? resolve(ctx.cwd, outFlag)
      : defaultReportPath(ctx.dataDir, names[0] ?? 'report');
    await writeReport(out, {
      title: stringFlag(values, 'title') ?? `AutoSLO report: ${names.join(', ')}`,
      subtitle: `Made by autoslo report from ${ctx.dataDir}`,
      sections,
    });
    if (ctx.json) printJson(ctx.stdout, { report: out, sections: sections.map((s) => s.id) });
    else ctx.stdout.write(`${out}\n`);
    return 0;
  },
};
