/**
 * `autoslo demo [--force] [--threads N] [--verbose]`: the main job on the bundled data, end to
 * end and without questions: workload, tuning (forecasted and oracle), simulation of the tuned
 * configs and the baselines, the figure, then what it found and where every output is.
 */
import { type Command, UsageError } from '../command.js';
import { demoReportText } from '../demo/demo-report-text.js';
import { runDemo } from '../demo/run-demo.js';
import { intFlag, printJson } from './workload-flags.js';

export const demoCommand: Command = {
  usage: [
    'Usage: autoslo demo [--force] [--threads N] [--verbose] [--report | --no-report] [--json]',
    '',
    'On <data dir> (default ./data): generates workloads/demo_diurnal.parquet if missing, runs',
    'the tuning manifest manifests/tuning/demo.yml (forecasted and oracle), simulates',
    'manifests/execution/demo.yml (tuned configs and static baselines), plots',
    'manifests/plotting/demo.yml, and prints violation rate and cost per method, which meet',
    "the plot's threshold, and the saving against the cheapest static baseline that meets it.",
    'Existing workload, tuned configs and simulator runs are reused unless --force.',
    'Never prompts. Exit 1 when a stage failed (the other stages still run).',
    "--verbose also prints the tuner's own lines (sweep winners, initial vs final).",
    'Ends with the path of <data dir>/reports/demo.html, an interactive page of the comparison,',
    'the tuning runs and the timelines (--report, the default; --no-report skips it).',
  ].join('\n'),
  options: {
    force: { type: 'boolean' },
    threads: { type: 'string' },
    verbose: { type: 'boolean' },
    report: { type: 'boolean' },
    'no-report': { type: 'boolean' },
  },
  async run(ctx, { values, positionals }) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    if (values.report === true && values['no-report'] === true) {
      throw new UsageError('give --report or --no-report, not both');
    }
    const threads = intFlag(values, 'threads');
    if (threads !== undefined && threads < 1) throw new UsageError('--threads must be >= 1');
    ctx.log(`autoslo demo on ${ctx.dataDir}`);
    const report = await runDemo({
      dataDir: ctx.dataDir,
      force: values.force === true,
      ...(threads !== undefined ? { threads } : {}),
      progress: (label, total) => ctx.progress(label, total),
      log: (line) => ctx.log(line),
      ...(values.verbose === true ? { tunerLog: (line: string) => ctx.log(line) } : {}),
      report: values['no-report'] !== true,
    });
    if (ctx.json) printJson(ctx.stdout, report);
    else ctx.stdout.write(demoReportText(report, process.cwd()));
    return report.stages.some((s) => s.status === 'failed') || report.findings === null ? 1 : 0;
  },
};
