/**
 * `autoslo tune --tuning-manifest <name or path>` or
 * `autoslo tune --initial-execution-config P --tuner-config P [--param K=V]...`: the policy
 * tuner. Preflight table, confirmation (never with --yes or a non-terminal stdin), one run
 * after another with a progress bar per phase, then a postflight table of time per phase.
 */
import { createInterface } from 'node:readline/promises';
import { formatIssue, isInputError, parseParamFlags } from '@autoslo/config';
import { RedisLostError } from '@autoslo/distributed';
import { defaultReportPath, tuningSection, writeReport } from '@autoslo/report';
import {
  type PlannedTuningRun,
  planTuningRuns,
  runTuning,
  type TuningRunResult,
} from '@autoslo/tuner';
import { type Command, type CommandContext, UsageError } from '../command.js';
import {
  loadPolicyModuleFlags,
  POLICY_MODULE_OPTIONS,
  POLICY_MODULE_USAGE,
} from './policy-module-flags.js';
import { preflight } from './preflight.js';
import {
  connectExecutor,
  REDIS_OPTIONS,
  REDIS_USAGE,
  redisUrlOf,
  workersNote,
} from './redis-flags.js';
import { intFlag, printJson, stringFlag } from './workload-flags.js';

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((x, c) => x.padEnd(widths[c] as number))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function confirm(ctx: CommandContext): Promise<boolean> {
  if (ctx.assumeYes) return true;
  const rl = createInterface({ input: process.stdin, output: ctx.stderr });
  const answer = (await rl.question('Proceed? [Y/n] ')).trim().toLowerCase();
  rl.close();
  return answer === '' || answer === 'y' || answer === 'yes';
}

type Outcome = {
  run: PlannedTuningRun;
  result: TuningRunResult | null;
  action: 'Re-run' | 'Pre-existing' | 'Missing';
  error?: string;
};

function postflight(outcomes: readonly Outcome[]): string {
  const rows: string[][] = [];
  for (const { run, result, action } of outcomes) {
    const phases = result?.phases ?? [];
    const total =
      phases.find((p) => p.phase_key === 'TOTAL')?.elapsed_s ??
      phases.reduce((s, p) => s + p.elapsed_s, 0);
    for (const p of phases.filter((x) => x.phase_key !== 'TOTAL')) {
      const pct = total > 0 ? ((100 * p.elapsed_s) / total).toFixed(1) : '0.0';
      rows.push([run.spec.name, action, p.phase_key, p.elapsed_s.toFixed(1), `${pct}%`]);
    }
    rows.push([
      run.spec.name,
      action,
      'TOTAL',
      total.toFixed(1),
      phases.length > 0 ? '100.0%' : '-',
    ]);
  }
  const byAction = ['Re-run', 'Pre-existing', 'Missing'].map((a) => [
    a,
    String(outcomes.filter((o) => o.action === a).length),
  ]);
  return `Tune Postflight Summary\n${table(['Run', 'Action', 'Phase', 'Seconds', 'Share'], rows)}\n\n${table(['Action', 'Runs'], byAction)}`;
}

export const tuneCommand: Command = {
  usage: [
    'Usage: autoslo tune --tuning-manifest <name or path> [--only NAME]... [--force] [--yes] [--report]',
    '                    [--policy-module PATH]...',
    '       autoslo tune --initial-execution-config <ref or path> --tuner-config <ref or path> [--param K=V]... [--force]',
    '                    [--policy-module PATH]...',
    '',
    '--only NAME runs just that manifest entry (repeatable).',
    '--threads T sets the simulation worker threads (default one per core; 0 = this thread).',
    POLICY_MODULE_USAGE,
    REDIS_USAGE,
    '                      (every run of a manifest spreads its simulations over all workers)',
    'Writes data/tuner_runs/<run>/ and publishes data/execution_configs/tuned/<run>.yml last.',
    '--report also writes <data dir>/reports/<run>.html per run: scenarios, spin-up schedule,',
    'sweep points, phase times and the tuned YAML as an interactive page.',
    'A run whose tuned config is published is skipped unless --force. Manifest keys are run',
    'names; otherwise the name is <exec stem>__<tuner stem>__KEY=value... (keys sorted).',
    'The reference flags --tuning_manifest_path, --initial_execution_config_path and',
    '--tuner_config_path are accepted.',
  ].join('\n'),
  options: {
    'tuning-manifest': { type: 'string' },
    'tuning-manifest-path': { type: 'string' },
    'initial-execution-config': { type: 'string' },
    'initial-execution-config-path': { type: 'string' },
    'tuner-config': { type: 'string' },
    'tuner-config-path': { type: 'string' },
    param: { type: 'string', multiple: true },
    only: { type: 'string', multiple: true },
    force: { type: 'boolean' },
    'verbose-progress': { type: 'boolean' },
    threads: { type: 'string' },
    report: { type: 'boolean' },
    ...POLICY_MODULE_OPTIONS,
    ...REDIS_OPTIONS,
  },
  async run(ctx, { values }) {
    const redisUrl = redisUrlOf(values);
    const policyModules = await loadPolicyModuleFlags(values, ctx.cwd, ctx.log);
    const params = parseParamFlags((values.param as string[] | undefined) ?? []);
    const manifest =
      stringFlag(values, 'tuning-manifest') ?? stringFlag(values, 'tuning-manifest-path');
    const exec =
      stringFlag(values, 'initial-execution-config') ??
      stringFlag(values, 'initial-execution-config-path');
    const tuner = stringFlag(values, 'tuner-config') ?? stringFlag(values, 'tuner-config-path');
    const force = values.force === true;
    const threads = intFlag(values, 'threads');
    // Every referenced config, SLO table and workload, before any run starts.
    // (Without a manifest and both configs, planTuningRuns says what is missing.)
    await preflight(
      manifest !== undefined
        ? [{ kind: 'tuning-manifest', target: manifest }]
        : exec !== undefined && tuner !== undefined
          ? [
              { kind: 'execution-config', target: exec, params },
              { kind: 'tuner-config', target: tuner, params },
            ]
          : [],
      { dataDir: ctx.dataDir, cwd: ctx.cwd, log: ctx.log },
    );
    const planned = await planTuningRuns(
      {
        ...(manifest !== undefined ? { manifest } : {}),
        ...(exec !== undefined ? { initialExecutionConfig: exec } : {}),
        ...(tuner !== undefined ? { tunerConfig: tuner } : {}),
        params,
      },
      { dataDir: ctx.dataDir },
    );
    const runs = selectRuns(planned, (values.only as string[] | undefined) ?? []);
    const willRun = (r: PlannedTuningRun) => force || !r.published;
    ctx.log('Tune Preflight Summary');
    ctx.log(
      table(
        ['Run', 'Action', 'Details'],
        runs.map((r) => [
          r.spec.name,
          willRun(r) ? 'Run' : 'Skip',
          willRun(r)
            ? `${r.execFile} + ${r.tunerFile}`
            : 'tuned config already published (--force re-runs)',
        ]),
      ),
    );
    if (runs.some(willRun) && !(await confirm(ctx))) {
      ctx.log('Nothing run.');
      return 0;
    }
    const executor =
      redisUrl !== undefined && runs.some(willRun) ? await connectExecutor(ctx, redisUrl) : null;
    const outcomes: Outcome[] = [];
    try {
      for (const run of runs) {
        try {
          const result = await runTuning(run.spec, {
            dataDir: ctx.dataDir,
            force,
            ...(threads !== undefined ? { threads } : {}),
            ...(executor ? { executor: executor.evaluateBatch } : {}),
            policyModules,
            progress: (label, total) => {
              const bar = ctx.progress(`${run.spec.name} ${label}`, total);
              return {
                tick: (step) => bar.tick(step, workersNote(executor)),
                done: () => bar.done(workersNote(executor)),
              };
            },
            log: (line) => ctx.log(line),
          });
          outcomes.push({
            run,
            result,
            action: result.status === 'skipped' ? 'Pre-existing' : 'Re-run',
          });
        } catch (error) {
          if (error instanceof RedisLostError) {
            // Every later run would fail the same way; a rerun skips the published ones.
            ctx.log(`${run.spec.name} failed: ${error.message}`);
            outcomes.push({ run, result: null, action: 'Missing', error: error.message });
            break;
          }
          // Bad input found mid-run is reported as such; anything else with its stack.
          if (isInputError(error))
            for (const issue of error.issues)
              ctx.log(`${run.spec.name}: error: ${formatIssue(issue)}`);
          else ctx.log(`${run.spec.name} failed: ${(error as Error).stack ?? String(error)}`);
          outcomes.push({ run, result: null, action: 'Missing', error: String(error) });
        }
      }
    } finally {
      await executor?.close();
    }
    const reports = new Map<string, string>();
    if (values.report === true) {
      for (const { run, result } of outcomes) {
        if (!result) continue;
        const file = await writeReport(defaultReportPath(ctx.dataDir, run.spec.name), {
          title: `AutoSLO tuning run ${run.spec.name}`,
          sections: [await tuningSection(result.runDir, ctx.dataDir)],
        });
        reports.set(run.spec.name, file);
        ctx.log(`${run.spec.name}: report ${file}`);
      }
    }
    if (ctx.json) {
      printJson(ctx.stdout, {
        runs: outcomes.map(({ run, result, action, error }) => ({
          name: run.spec.name,
          action,
          report: reports.get(run.spec.name) ?? null,
          published: result?.publishedPath ?? null,
          phases: result?.phases ?? [],
          initial_val: result?.initialVal ?? null,
          final_val: result?.finalVal ?? null,
          ...(error !== undefined ? { error } : {}),
        })),
      });
    } else {
      ctx.stdout.write(`${postflight(outcomes)}\n`);
    }
    return outcomes.some((o) => o.action === 'Missing') ? 1 : 0;
  },
};

/** `--only NAME` (repeatable) keeps the named manifest entries; an unknown name is bad input. */
function selectRuns(
  runs: readonly PlannedTuningRun[],
  only: readonly string[],
): readonly PlannedTuningRun[] {
  if (only.length === 0) return runs;
  const names = new Set(runs.map((r) => r.spec.name));
  const unknown = only.filter((name) => !names.has(name));
  if (unknown.length > 0)
    throw new UsageError(
      `--only: no tuning run named ${unknown.map((n) => `'${n}'`).join(', ')}; the runs are: ${[...names].join(', ')}`,
    );
  return runs.filter((r) => only.includes(r.spec.name));
}
