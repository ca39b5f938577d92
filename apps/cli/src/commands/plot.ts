/**
 * `autoslo plot --plotting-manifest <name or path> [--live] [--force]` or `autoslo plot --all`:
 * figures and tables from simulator or live runs. Missing runs are listed with the command
 * that would produce them; without a working canvas the CSV and LaTeX table are still written
 * and the command says what to install (exit 1).
 */
import { type PlotResult, plotAllManifests, plotManifest } from '@autoslo/plotter';
import { defaultReportPath, plotSection, writeReport } from '@autoslo/report';
import { type Command, UsageError } from '../command.js';

function summary(r: PlotResult) {
  return {
    name: r.name,
    stem: r.stem,
    status: r.status,
    written: r.written,
    points: r.panels.reduce((n, p) => n + p.points.length, 0),
    missing: r.missing,
    render_error: r.renderError?.message ?? null,
    backend: r.backend,
  };
}

/** `--report`: the plot as an interactive HTML page beside the other reports. */
async function writePlotReport(r: PlotResult, dataDir: string): Promise<string> {
  // A skipped plot (PNG exists) carries no scores: score it again without writing.
  const scored =
    r.status === 'exists'
      ? await plotManifest(r.name, { dataDir, live: r.stem.endsWith('#live'), scoreOnly: true })
      : r;
  return writeReport(defaultReportPath(dataDir, r.stem), {
    title: `AutoSLO plot ${r.stem}`,
    subtitle: `Plotting manifest ${r.name}`,
    sections: [plotSection(scored)],
  });
}

export const plotCommand: Command = {
  usage: [
    'Usage: autoslo plot --plotting-manifest <name or path> [--live] [--force] [--per-panel] [--report] [--json]',
    '       autoslo plot --all [--live] [--force] [--per-panel] [--report] [--json]',
    '',
    'A name is looked up under <data dir>/manifests/plotting/. Outputs go to',
    '<data dir>/plots/<name>[#live].png with _bars.png, .csv, .tex, _timeline.png, _cdf.png and',
    '_clusters.png beside it. An existing PNG is kept unless --force.',
    '--live plots the newest live run of each point (runs/map.yml) instead of simulator runs.',
    '--per-panel also writes each panel of a grid alone: <stem>#<title>.png and _bars.png.',
    '--report also writes <data dir>/reports/<stem>.html, the plot as an interactive page.',
    "--timeline is accepted for the reference's sake; the timeline is always drawn.",
  ].join('\n'),
  options: {
    'plotting-manifest': { type: 'string' },
    all: { type: 'boolean' },
    live: { type: 'boolean' },
    force: { type: 'boolean' },
    'per-panel': { type: 'boolean' },
    report: { type: 'boolean' },
    // The reference's flag; the timeline is always drawn here.
    timeline: { type: 'boolean' },
  },
  async run(ctx, { values, positionals }) {
    const manifest = values['plotting-manifest'] as string | undefined;
    const all = values.all === true;
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    if (all === (manifest !== undefined)) {
      throw new UsageError('give either --plotting-manifest <name or path> or --all');
    }
    const options = {
      dataDir: ctx.dataDir,
      live: values.live === true,
      force: values.force === true,
      perPanel: values['per-panel'] === true,
      warn: (m: string) => ctx.log(`warning: ${m}`),
    };
    const results = all
      ? await plotAllManifests(options)
      : [await plotManifest(manifest as string, options)];

    let failed = false;
    for (const r of results) {
      if (r.status === 'exists') {
        ctx.log(`${r.stem}: ${r.outputs.scatter} exists; --force redraws it`);
        continue;
      }
      for (const m of r.missing) {
        ctx.log(
          `${r.stem}: missing run for '${m.label}'${m.panelTitle ? ` in '${m.panelTitle}'` : ''} (${m.workloadId} / ${m.configId}): ${m.reason}`,
        );
        ctx.log(`  produce it with: ${m.command}`);
      }
      if (r.status === 'no-points') {
        ctx.log(`${r.stem}: no run found for any point; nothing written`);
        failed = true;
        continue;
      }
      for (const file of r.written) ctx.log(`${r.stem}: wrote ${file}`);
      if (r.renderError) {
        ctx.log(`${r.stem}: PNGs not drawn: ${r.renderError.message}`);
        failed = true;
      }
    }
    const reports = new Map<string, string>();
    if (values.report === true) {
      for (const r of results) {
        if (r.status === 'no-points') continue;
        const file = await writePlotReport(r, ctx.dataDir);
        reports.set(r.stem, file);
        ctx.log(`${r.stem}: report ${file}`);
      }
    }
    if (ctx.json) {
      const rows = results.map((r) => ({ ...summary(r), report: reports.get(r.stem) ?? null }));
      ctx.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    }
    if (all && results.length === 0) ctx.log('no plotting manifests found');
    return failed ? 1 : 0;
  },
};
