/**
 * `autoslo execute --live`: every entry of an execution manifest on Redshift Serverless
 * (or any endpoint set the standard AWS way, e.g. AWS_ENDPOINT_URL=http://127.0.0.1:<port>
 * for `autoslo local-redshift`). Entries run one after another; a pair already run (the
 * newest run in data/runs/map.yml is complete) is skipped unless --force. Ctrl-C or SIGTERM
 * stops the run and tears down what it created; a second Ctrl-C exits at once (then run
 * `autoslo cleanup`).
 */
import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { loadExecutionResult, toExecutionSummary } from '@autoslo/core';
import {
  createLiveClients,
  type LiveEntry,
  LiveRunAborted,
  type LiveRunOutcome,
  planLiveExecution,
  runLivePlan,
} from '@autoslo/redshift';
import { type CommandContext, type OptionSpec, type ParsedArgs, UsageError } from '../command.js';
import type { ExecuteTarget } from './execute-target.js';
import { numberFlag, printJson, stringFlag } from './workload-flags.js';

/** The flags only `--live` reads (merged into `execute`'s options). */
export const LIVE_OPTIONS: OptionSpec = {
  'time-scale': { type: 'string' },
  workgroup: { type: 'string', multiple: true },
  'cost-limit': { type: 'string' },
  database: { type: 'string' },
  'secret-arn': { type: 'string' },
  region: { type: 'string' },
};

export const LIVE_USAGE = [
  '',
  'Live mode (--live): runs on Redshift Serverless through the Data API, credentials,',
  'region and profile from the standard AWS chain; endpoints from AWS_ENDPOINT_URL_REDSHIFT_DATA,',
  'AWS_ENDPOINT_URL_REDSHIFT_SERVERLESS or AWS_ENDPOINT_URL. Runs go to <data dir>/runs/<run id>/.',
  '  --time-scale K      replay arrivals K times faster (tests, dry runs)',
  '  --workgroup NAME    use this existing workgroup for an initial cluster (repeat, in order)',
  '  --cost-limit USD    stop and tear down a run whose estimated spend passes USD',
  '  --database DB       database of the queries (default dev)',
  '  --secret-arn ARN    Secrets Manager database credentials (default: IAM temporary ones)',
  '  --region REGION     overrides the default chain region',
  'On a terminal it asks before starting (not with --yes). Ctrl-C stops a run and tears down',
  "what it created (exit 130); a second Ctrl-C exits at once: then run 'autoslo cleanup'.",
].join('\n');

type Values = ParsedArgs['values'];

function table(entries: readonly LiveEntry[], timeScale: number): string {
  const text = {
    run: 'Run',
    'skip-exists': 'Skip - exists',
    'skip-missing': 'Skip - missing',
    'skip-split': 'Skip - split',
  };
  const rows = entries.map((e) => [
    String(e.planned.index),
    text[e.action],
    e.planned.workloadId,
    e.planned.configLabel,
    Number.isNaN(e.planned.maxRelTimeS) ? '-' : (e.planned.maxRelTimeS / timeScale).toFixed(1),
  ]);
  const total = entries.reduce(
    (t, e) => t + (e.action === 'run' ? e.planned.maxRelTimeS / timeScale : 0),
    0,
  );
  const all = [
    ['#', 'Action', 'Workload', 'Config', 'Duration s'],
    ...rows,
    ['', 'TOTAL', '', '', total.toFixed(1)],
  ];
  const widths = (all[0] as string[]).map((_, c) =>
    Math.max(...all.map((r) => (r[c] ?? '').length)),
  );
  return all
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/** First signal: stop and tear down. Second: exit at once. Returns the uninstaller. */
function trapSignals(ctx: CommandContext, controller: AbortController): () => void {
  let count = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    count++;
    if (count === 1) {
      ctx.log(`${signal}: stopping the run and tearing down its workgroups (again to force exit)`);
      controller.abort();
      return;
    }
    // Written synchronously: process.exit would drop a pending write to a pipe.
    writeSync(2, `${signal} again: exiting now; run 'autoslo cleanup' to delete what is left\n`);
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

export async function executeLive(
  ctx: CommandContext,
  values: Values,
  manifest: string,
  split: ExecuteTarget['split'],
): Promise<number> {
  const timeScale = numberFlag(values, 'time-scale') ?? 1;
  if (!(timeScale > 0)) throw new UsageError('--time-scale must be positive');
  const costLimit = numberFlag(values, 'cost-limit');
  const delayS = numberFlag(values, 'delay-s') ?? 0;
  const started = performance.now();
  // Every query's SQL is checked here, before any money is spent: missing ones exit 2, listed.
  const plan = await planLiveExecution(manifest, {
    dataDir: ctx.dataDir,
    ...(values.force === true ? { force: true } : {}),
    ...split,
  });
  const entries = plan.entries;
  ctx.log(`manifest ${plan.manifestFile} (live)`);
  ctx.log(table(entries, timeScale));
  for (const e of entries)
    if (e.planned.reason) ctx.log(`entry ${e.planned.index}: ${e.planned.reason}`);
  const toRun = entries.filter((e) => e.action === 'run');
  // Live runs spend money: on a terminal, ask first (never without one, or with --yes).
  if (
    toRun.length > 0 &&
    !ctx.assumeYes &&
    !(await confirm(`Start ${toRun.length} live run(s)?`))
  ) {
    ctx.log('cancelled');
    return 1;
  }
  if (toRun.length > 0 && delayS > 0) {
    ctx.log(`starting in ${delayS} s`);
    await new Promise((r) => setTimeout(r, delayS * 1000));
  }
  const controller = new AbortController();
  const untrap = trapSignals(ctx, controller);
  const clients = createLiveClients(
    stringFlag(values, 'region') ? { region: stringFlag(values, 'region') as string } : {},
  );
  const executed: {
    entry: LiveEntry;
    outcome: LiveRunOutcome;
    summary: ReturnType<typeof toExecutionSummary>;
  }[] = [];
  let progress: ReturnType<CommandContext['progress']> | null = null;
  try {
    await runLivePlan(plan, {
      dataDir: ctx.dataDir,
      timeScale,
      clients,
      signal: controller.signal,
      ...(values.workgroup ? { existingWorkgroups: values.workgroup as string[] } : {}),
      ...(costLimit !== undefined ? { costLimit } : {}),
      ...(stringFlag(values, 'database')
        ? { database: stringFlag(values, 'database') as string }
        : {}),
      ...(stringFlag(values, 'secret-arn')
        ? { secretArn: stringFlag(values, 'secret-arn') as string }
        : {}),
      onRunStart: (entry) => {
        const { planned } = entry;
        ctx.log(`run ${planned.index}: ${planned.workloadId} x ${planned.configLabel}`);
        const p = ctx.progress('queries', planned.workload?.trace.length ?? 0);
        progress = p;
        return () => p.tick();
      },
      onRunEnd: () => progress?.done(),
      onRunDone: async (entry, outcome) => {
        const result = await loadExecutionResult(outcome.runDir, { dataDir: ctx.dataDir });
        for (const w of result.warnings) ctx.log(`warning: ${w}`);
        executed.push({ entry, outcome, summary: toExecutionSummary(result) });
        ctx.log(
          `run ${outcome.runId}: ${result.num_queries} queries, violation rate ${result.violation_rate.toFixed(4)}, cost $${result.total_cost.toFixed(4)}`,
        );
      },
      onLine: (line) => ctx.log(line),
    });
  } catch (error) {
    if (!(error instanceof LiveRunAborted)) throw error;
    ctx.log(`run stopped (${error.reason}): ${error.message}`);
    for (const p of error.teardownErrors) ctx.log(`teardown failed: ${p} - run 'autoslo cleanup'`);
    if (error.reason === 'error' && error.cause)
      ctx.log(String((error.cause as Error).stack ?? error.cause));
    return error.reason === 'signal' ? 130 : 1;
  } finally {
    untrap();
    clients.destroy();
  }
  const wallS = (performance.now() - started) / 1000;
  const cost = executed.reduce((t, e) => t + e.summary.total_cost, 0);
  if (ctx.json) {
    printJson(ctx.stdout, {
      runs_specified: entries.length,
      runs_executed: executed.length,
      wall_time_s: wallS,
      total_cost: cost,
      runs: executed.map((e) => ({
        run_id: e.outcome.runId,
        run_dir: e.outcome.runDir,
        workload_id: e.entry.planned.workloadId,
        execution_config_id: e.entry.planned.configLabel,
        failed_queries: e.outcome.failedQueries,
        created_workgroups: e.outcome.createdWorkgroups,
        ...e.summary,
      })),
    });
    return 0;
  }
  ctx.stdout.write(
    `${[
      `wall time:        ${wallS.toFixed(1)} s`,
      `runs:             ${executed.length} executed of ${entries.length} specified`,
      `total cost:       $${cost.toFixed(4)}`,
    ].join('\n')}\n`,
  );
  return 0;
}
