/**
 * `autoslo execute --execution-manifest <name or path> [--force] [--splits N --split-index K]
 * [--policy-module PATH]...`:
 * every entry of an execution manifest in the simulator (preflight table, skip complete
 * runs unless --force, parallel runs with progress, summary). `--live` runs on Redshift
 * (execute-live.ts).
 */

import { RedisLostError } from '@autoslo/distributed';
import { type PlannedRun, planExecution, runPlan, unmodelledSettings } from '@autoslo/simulator';
import { type Command, UsageError } from '../command.js';
import { executeLive, LIVE_OPTIONS, LIVE_USAGE } from './execute-live.js';
import { executeTarget } from './execute-target.js';
import {
  loadPolicyModuleFlags,
  POLICY_MODULE_OPTIONS,
  POLICY_MODULE_USAGE,
} from './policy-module-flags.js';
import { missingEntriesError, preflight } from './preflight.js';
import {
  connectExecutor,
  REDIS_OPTIONS,
  REDIS_USAGE,
  redisUrlOf,
  workersNote,
} from './redis-flags.js';
import { intFlag, printJson } from './workload-flags.js';

const ACTION_TEXT: Record<PlannedRun['action'], string> = {
  run: 'Run',
  'skip-exists': 'Skip - exists',
  'skip-missing': 'Skip - missing',
  'skip-split': 'Skip - split',
};

function preflightTable(runs: readonly PlannedRun[]): string {
  const rows = runs.map((r) => [
    String(r.index),
    ACTION_TEXT[r.action],
    r.workloadId,
    r.configLabel,
    Number.isNaN(r.maxRelTimeS) ? '-' : r.maxRelTimeS.toFixed(1),
  ]);
  const total = runs.reduce(
    (t, r) => t + (Number.isNaN(r.maxRelTimeS) || r.action !== 'run' ? 0 : r.maxRelTimeS),
    0,
  );
  const all = [
    ['#', 'Action', 'Workload', 'Config', 'Max rel_time_s'],
    ...rows,
    ['', 'TOTAL', '', '', total.toFixed(1)],
  ];
  const widths = all[0]!.map((_, c) => Math.max(...all.map((row) => (row[c] ?? '').length)));
  return all
    .map((row) =>
      row
        .map((cell, c) => cell.padEnd(widths[c] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export const executeCommand: Command = {
  usage: [
    'Usage: autoslo execute --execution-manifest <name or path> [--force] [--skip-missing]',
    '                       [--splits N --split-index K] [--threads T] [--policy-module PATH]...',
    '                       [--json]',
    '',
    'A name is looked up under <data dir>/manifests/execution/. Each entry runs to',
    '<data dir>/simulator_runs/<workload id>/<config stem>__K=V.../; entries whose run exists',
    'are skipped unless --force. With --splits N, only entries i with i mod N = K run.',
    'Every entry is checked first: a missing config, SLO table or workload stops everything',
    '(exit 2, nothing run). --skip-missing instead skips such entries and runs the rest, as',
    "the reference's executor does.",
    POLICY_MODULE_USAGE,
    '                      (with --live, imported in this process before the runs)',
    REDIS_USAGE,
    LIVE_USAGE,
  ].join('\n'),
  options: {
    'execution-manifest': { type: 'string' },
    force: { type: 'boolean' },
    'skip-missing': { type: 'boolean' },
    splits: { type: 'string' },
    'split-index': { type: 'string' },
    threads: { type: 'string' },
    live: { type: 'boolean' },
    ...LIVE_OPTIONS,
    'delay-s': { type: 'string' },
    ...POLICY_MODULE_OPTIONS,
    ...REDIS_OPTIONS,
  },
  async run(ctx, { values, positionals }) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    // Imported here before either mode plans anything: live runs build their control plane
    // in this process, simulator runs also hand the paths to every worker thread.
    const policyModules = await loadPolicyModuleFlags(values, ctx.cwd, ctx.log);
    const { manifest, split } = executeTarget(values);
    // Every entry (of every split) checked before any runs: a missing config, SLO table or
    // workload is exit 2 with nothing written. --skip-missing keeps the reference's way.
    if (values['skip-missing'] !== true) {
      await preflight([{ kind: 'execution-manifest', target: manifest }], {
        dataDir: ctx.dataDir,
        cwd: ctx.cwd,
        log: ctx.log,
      });
    }
    if (values.live) return executeLive(ctx, values, manifest, split);
    const threads = intFlag(values, 'threads');
    const started = performance.now();
    const plan = await planExecution(manifest, {
      dataDir: ctx.dataDir,
      force: values.force === true,
      ...split,
    });
    const missing = plan.runs.filter((r) => r.action === 'skip-missing');
    if (missing.length > 0 && values['skip-missing'] !== true)
      throw await missingEntriesError(plan.manifestFile, missing);
    ctx.log(`manifest ${plan.manifestFile}`);
    ctx.log(preflightTable(plan.runs));
    for (const r of plan.runs) if (r.reason) ctx.log(`entry ${r.index}: ${r.reason}`);
    for (const r of plan.runs)
      if (r.action === 'run' && r.config)
        for (const note of unmodelledSettings(r.config))
          ctx.log(`warning: entry ${r.index} (${r.configLabel}): ${note}`);
    const toRun = plan.runs.filter((r) => r.action === 'run').length;
    const redisUrl = redisUrlOf(values);
    const executor =
      redisUrl !== undefined && toRun > 0 ? await connectExecutor(ctx, redisUrl) : null;
    const progress = ctx.progress('simulating', toRun);
    let executed: Awaited<ReturnType<typeof runPlan>>;
    try {
      executed = await runPlan(plan, {
        dataDir: ctx.dataDir,
        ...(threads !== undefined ? { threads } : {}),
        ...(executor ? { executor: executor.evaluateBatch } : {}),
        policyModules,
        onProgress: () => progress.tick(1, workersNote(executor)),
      });
    } catch (error) {
      if (!(error instanceof RedisLostError)) throw error;
      ctx.log(`autoslo execute failed: ${error.message}`);
      return 1;
    } finally {
      await executor?.close();
    }
    progress.done();
    const simulatedS = executed.reduce((t, e) => t + e.summary.total_rel_time_s, 0);
    const cost = executed.reduce((t, e) => t + e.summary.total_cost, 0);
    const wallS = (performance.now() - started) / 1000;
    if (ctx.json) {
      printJson(ctx.stdout, {
        runs_specified: plan.runs.length,
        runs_executed: executed.length,
        wall_time_s: wallS,
        total_simulated_time_s: simulatedS,
        total_cost: cost,
        runs: executed.map((e) => ({
          workload_id: e.run.workloadId,
          config_label: e.run.configLabel,
          run_dir: e.run.outDir,
          ...e.summary,
        })),
      });
      return 0;
    }
    ctx.stdout.write(
      [
        `wall time:        ${wallS.toFixed(1)} s`,
        `runs:             ${executed.length} executed of ${plan.runs.length} specified`,
        `simulated time:   ${(simulatedS / 3600).toFixed(2)} h`,
        `total cost:       $${cost.toFixed(2)}`,
      ].join('\n') + '\n',
    );
    return 0;
  },
};
