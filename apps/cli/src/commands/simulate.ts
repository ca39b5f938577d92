/**
 * `autoslo simulate --execution-config <ref or path> [--param K=V]... [--workload NAME]
 * [--target-date D] [--rescale-factor F] [--policy-module PATH]...`: one simulator run, written to
 * `<data dir>/simulator_runs/<workload id>/<config label>/`.
 */
import { DataDir, loadExecutionConfig, makeRunId, parseParamFlags } from '@autoslo/config';
import { type SimulationConfig, simulate, unmodelledSettings } from '@autoslo/simulator';
import { loadWorkload } from '@autoslo/workload';
import { type Command, UsageError } from '../command.js';
import {
  loadPolicyModuleFlags,
  POLICY_MODULE_OPTIONS,
  POLICY_MODULE_USAGE,
} from './policy-module-flags.js';
import { preflight, refuseUnusedParams } from './preflight.js';
import { numberFlag, printJson, stringFlag } from './workload-flags.js';

export const simulateCommand: Command = {
  usage: [
    'Usage: autoslo simulate --execution-config <exec:ref or path> [--param K=V]...',
    '                        [--workload NAME] [--target-date YYYY-MM-DD] [--rescale-factor F]',
    '                        [--policy-module PATH]... [--json]',
    '',
    "The workload flags replace the config's workload_config fields. The run is written to",
    '<data dir>/simulator_runs/<workload id>/<config stem>__K=V.../ (replacing an older one).',
    '--json prints violation_rate, violation_amount_s, violation_relative_mean, total_cost,',
    'num_queries and the run directory.',
    POLICY_MODULE_USAGE,
  ].join('\n'),
  options: {
    'execution-config': { type: 'string' },
    param: { type: 'string', multiple: true },
    workload: { type: 'string' },
    'target-date': { type: 'string' },
    'rescale-factor': { type: 'string' },
    live: { type: 'boolean' },
    ...POLICY_MODULE_OPTIONS,
  },
  async run(ctx, { values, positionals }) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    if (values.live)
      throw new UsageError(
        'simulate runs the simulator only; live runs use `autoslo execute --live`',
      );
    const ref = stringFlag(values, 'execution-config');
    if (!ref) throw new UsageError('--execution-config is required');
    // Before the config: a module's failure is reported as such, not as an unknown policy.
    await loadPolicyModuleFlags(values, ctx.cwd, ctx.log);
    const params = parseParamFlags((values.param as string[] | undefined) ?? []);
    const overrides: Record<string, unknown> = {};
    const workloadName = stringFlag(values, 'workload');
    const targetDate = stringFlag(values, 'target-date');
    const rescale = numberFlag(values, 'rescale-factor');
    if (workloadName !== undefined) overrides['workload_config.workload_name'] = workloadName;
    if (targetDate !== undefined) overrides['workload_config.target_date'] = targetDate;
    if (rescale !== undefined) overrides['workload_config.rescale_factor'] = rescale;
    // Everything the run needs (SLO table, workload...) before "simulating" and any output.
    await preflight([{ kind: 'execution-config', target: ref, params, overrides }], {
      dataDir: ctx.dataDir,
      cwd: ctx.cwd,
      log: ctx.log,
    });
    const loaded = await loadExecutionConfig(ref, {
      dataDir: ctx.dataDir,
      params,
      overrides,
      cwd: ctx.cwd,
    });
    refuseUnusedParams(params, [loaded]);
    const config: SimulationConfig = loaded.value;
    for (const note of unmodelledSettings(loaded.value))
      ctx.log(`warning: ${loaded.file}: ${note}`);
    const workload = await loadWorkload(loaded.value.workload_config, { dataDir: ctx.dataDir });
    const label = makeRunId([loaded.stem], params);
    const outDir = new DataDir(ctx.dataDir).simulatorRun(workload.id, label);
    if (workload.rowGroups)
      ctx.log(
        `read ${workload.rowGroups.read} of ${workload.rowGroups.total} row groups of the workload file`,
      );
    ctx.log(`simulating ${workload.trace.length} queries of ${workload.id} under ${label}`);
    const out = await simulate(config, workload, { dataDir: ctx.dataDir, outDir });
    const s = out.summary;
    if (ctx.json) {
      printJson(ctx.stdout, {
        violation_rate: s.violation_rate,
        violation_amount_s: s.violation_amount_s,
        violation_relative_mean: s.violation_relative_mean,
        total_cost: s.total_cost,
        num_queries: s.num_queries,
        total_rel_time_s: s.total_rel_time_s,
        row_groups_read: workload.rowGroups?.read ?? null,
        row_groups_total: workload.rowGroups?.total ?? null,
        run_dir: outDir,
      });
      return 0;
    }
    const rate = out.wallS > 0 ? Math.round(out.queries / out.wallS) : 0;
    ctx.stdout.write(
      [
        `run:                      ${outDir}`,
        `queries:                  ${s.num_queries}`,
        `violation rate:           ${(s.violation_rate * 100).toFixed(2)}%`,
        `mean overshoot:           ${s.violation_amount_s.toFixed(3)} s`,
        `mean relative overshoot:  ${s.violation_relative_mean.toFixed(4)}`,
        `total cost:               $${s.total_cost.toFixed(2)}`,
        `simulated time:           ${(s.total_rel_time_s / 3600).toFixed(2)} h`,
        `wall time:                ${out.wallS.toFixed(2)} s (${rate} queries/s)`,
      ].join('\n') + '\n',
    );
    return 0;
  },
};
