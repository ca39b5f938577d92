/**
 * Every YAML file of the reference system loads and validates, configs with the params their
 * manifests give them (derived here from the manifests, not written by hand).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  configStem,
  execConfigRefOf,
  formatIssue,
  loadExecutionConfig,
  loadExecutionManifest,
  loadPlottingManifest,
  loadSloTable,
  loadTunerConfig,
  loadTuningManifest,
  makeRunId,
  type Params,
  PLACEHOLDER_PATTERN,
  plotPanels,
  resolveConfigRef,
  validateConfigFile,
  validateDataDir,
  type WorkloadConfig,
  workloadId,
} from '../src/index.js';
import { REFERENCE_DATA } from './support/broken-fixtures.js';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return p.endsWith('.yml') ? [p] : [];
  });
}

const all = yamlFiles(REFERENCE_DATA).sort();
const under = (sub: string) => all.filter((f) => relative(REFERENCE_DATA, f).startsWith(sub));
const opts = { dataDir: REFERENCE_DATA };

interface Use {
  readonly params: Params;
  readonly workload?: WorkloadConfig;
}

/** Config file -> every (params, workload) the reference manifests run it with. */
async function usesFromManifests(): Promise<Map<string, Use[]>> {
  const uses = new Map<string, Use[]>();
  const add = (ref: string, use: Use) => {
    const file = resolveConfigRef(ref, REFERENCE_DATA);
    uses.set(file, [...(uses.get(file) ?? []), use]);
  };
  for (const f of under('manifests/execution')) {
    for (const e of (await loadExecutionManifest(f, opts)).value.main_content) {
      for (const live of [false, true]) {
        add(execConfigRefOf(e, live), { params: e.params, workload: e.workload_config });
      }
    }
  }
  for (const f of under('manifests/plotting')) {
    for (const panel of plotPanels((await loadPlottingManifest(f, opts)).value.main_content)
      .panels) {
      for (const p of panel.points) {
        for (const live of [false, true]) {
          add(execConfigRefOf(p, live), { params: p.params, workload: p.workload_config });
        }
      }
    }
  }
  for (const f of under('manifests/tuning')) {
    for (const e of Object.values((await loadTuningManifest(f, opts)).value.main_content)) {
      add(e.configs.initial_execution_config, { params: e.params });
      add(e.configs.tuner_config, { params: e.params });
    }
  }
  return uses;
}

test('the reference data holds the files this test expects to cover', () => {
  expect(all.length).toBe(20);
  expect(under('execution_configs').length).toBe(8);
  expect(under('tuner_configs').length).toBe(2);
  expect(under('manifests').length).toBe(5);
  expect(under('slos').length).toBe(5);
});

/**
 * query_router_eval_v8's manifest is not vendored; its params are the router evaluation's grid
 * (reference-tuner-executor-plotter.md D.3: kappa 4 or 2, C = [16, 32] or [16, 16], round
 * robin vs the stage model vs the concurrency-aware model).
 */
function routerEvalUses(): Use[] {
  const uses: Use[] = [];
  for (const KAPPA of [4, 2]) {
    for (const SECOND_CLUSTER_RPUS of [32, 16]) {
      for (const ROUTING_POLICY_NAME of ['round_robin', 'use_stage_model', 'use_iconq_model']) {
        uses.push({ params: { KAPPA, SECOND_CLUSTER_RPUS, ROUTING_POLICY_NAME } });
      }
    }
  }
  return uses;
}

test('every execution and tuner config loads with each param set its manifests use', async () => {
  const uses = await usesFromManifests();
  uses.set(
    join(REFERENCE_DATA, 'execution_configs/handmade/query_router_eval_v8.yml'),
    routerEvalUses(),
  );
  const configs = [...under('execution_configs'), ...under('tuner_configs')];
  let loads = 0;
  for (const file of configs) {
    const hasPlaceholders = PLACEHOLDER_PATTERN.test(readFileSync(file, 'utf8'));
    PLACEHOLDER_PATTERN.lastIndex = 0;
    const cases: Use[] = hasPlaceholders ? (uses.get(file) ?? []) : [{ params: {} }];
    // A config with placeholders that no manifest fills could not be checked here.
    expect([relative(REFERENCE_DATA, file), cases.length > 0]).toEqual([
      relative(REFERENCE_DATA, file),
      true,
    ]);
    for (const use of cases) {
      const overrides = use.workload ? { workload_config: use.workload } : undefined;
      const load = file.includes('tuner_configs') ? loadTunerConfig : loadExecutionConfig;
      await expect(
        load(file, { ...opts, params: use.params, ...(overrides ? { overrides } : {}) }),
      ).resolves.toMatchObject({ file, stem: configStem(file) });
      loads++;
    }
  }
  // 64 tuning uses x2 configs, 32 trigger entries, 4 main entries, points of both plots.
  expect(loads).toBeGreaterThan(150);
});

test('every manifest validates with all the configs it references', async () => {
  for (const file of under('manifests')) {
    const report = await validateConfigFile(file, opts);
    expect([relative(REFERENCE_DATA, file), report.issues.map(formatIssue)]).toEqual([
      relative(REFERENCE_DATA, file),
      [],
    ]);
    // The only warnings: tuned configs the tuner has not produced in this checkout, and the
    // reference's keys that have no effect here.
    for (const w of report.warnings)
      expect(w.message).toMatch(/is not produced yet|no effect here/);
  }
});

test('every SLO table loads', async () => {
  for (const file of under('slos')) {
    const t = (await loadSloTable(file)).value;
    expect(Object.keys(t.slo_dict)).toHaveLength(99);
    expect(t.run_id).toBe('1778469201294');
  }
  const k4 = (await loadSloTable(join(REFERENCE_DATA, 'slos/1778469201294_p100_k4.yml'))).value;
  expect([k4.agg_method, k4.multiplier, k4.slo_dict['042']]).toEqual(['p100', 4, 1.649]);
});

test('values arrive as written: params, renamed keys, the tuned config', async () => {
  const trigger = await loadExecutionManifest('trigger_eval_v8', opts);
  const first = trigger.value.main_content[0];
  expect(first?.params).toMatchObject({
    AUTOSCALING_TRIGGER_POLICY: 'queue_depth',
    KAPPA: 4,
    INITIAL_RPU: 8,
  });
  const label = makeRunId([configStem(execConfigRefOf(first!, false))], first?.params);
  expect(label).toBe(
    'trigger_eval_v8__AUTOSCALING_TRIGGER_POLICY=queue_depth__INITIAL_RPU=8__KAPPA=4__OBSERVATION_WINDOW_S=300.0',
  );
  expect(workloadId(first!.workload_config)).toBe('poisson_99_1_3_0.2_42__2026-01-01__rf1.000');

  const cfg = await loadExecutionConfig('exec:handmade/trigger_eval_v8', {
    ...opts,
    params: first!.params,
  });
  expect(cfg.value.autoscaler_config.autoscaling_trigger_policy).toBe('queue_depth');
  expect(cfg.value.autoscaler_config.trigger_slo_tightening_factor).toBe(1.0);
  expect(cfg.value.managed_cluster_pool_config.initial_rpus).toEqual([8]);
  expect(cfg.value.slo_resolver_config.slo_dict_filename).toBe('1778469201294_p100_k4.yml');

  const rr = await loadExecutionConfig('exec:handmade/main_eval_round_robin_v8', {
    ...opts,
    params: { TARGET_DATE: '2024-05-27', INITIAL_RPU: [32, 32] },
  });
  expect(rr.value.managed_cluster_pool_config.initial_rpus).toEqual([32, 32]);

  const tuned = await loadExecutionConfig(
    join(
      REFERENCE_DATA,
      'execution_configs/tuned_submission/may27_1month_k4_thresh10_nocache_v8.yml',
    ),
    opts,
  );
  expect(tuned.stem).toBe('may27_1month_k4_thresh10_nocache_v8');
  expect(tuned.value.scheduled_spinups).toEqual([{ rel_time_s: 6581.743579184765, rpu: 32 }]);
  expect(tuned.value.workload_config.target_date).toBe('2024-05-27');

  const tuning = await loadTuningManifest('main_eval_v8', opts);
  expect(tuning.value.main_content.april15_1week_k4_thresh10_nocache_v8?.params).toEqual({
    TARGET_DATE: '2024-04-15',
    KAPPA: 4,
    SLO_THRESHOLD: 0.1,
    LAST_DAY_DATE_INCLUSIVE: '2024-04-14',
    NUM_DAYS: 7,
  });
  const tuner = await loadTunerConfig('tuner:forecasted_v8', {
    ...opts,
    params: tuning.value.main_content.april15_1week_k4_thresh10_nocache_v8!.params,
  });
  expect(tuner.value.sampling_config.forecaster_config?.reservoir_config?.num_days).toBe(7);
  expect(Object.keys(tuner.value.autoscaling_param_sweep.param_sweep_config.params)[5]).toBe(
    'autoscaler_config.trigger_slo_objective_config.slo_threshold',
  );
});

test('params a config does not use, and --param on a manifest, are warnings', async () => {
  const file = join(REFERENCE_DATA, 'execution_configs/handmade/main_eval_round_robin_v8.yml');
  const report = await validateConfigFile(file, {
    ...opts,
    params: { TARGET_DATE: '2024-05-27', INITIAL_RPU: '[64]', KAPA: '4' },
  });
  expect(report.valid).toBe(true);
  expect(report.warnings.map((w) => w.message)).toEqual([
    expect.stringMatching(
      /^and workload_runner_config.schema_name, managed_cluster_pool_config.maxconns have no effect here/,
    ),
    'params not used by this file: KAPA',
  ]);
  expect(report.warnings[0]?.path).toBe('provisioner_config.aws_config_path');
  const manifest = await validateConfigFile(
    join(REFERENCE_DATA, 'manifests/execution/main_eval_v8.yml'),
    {
      ...opts,
      params: { KAPPA: '4' },
    },
  );
  expect(manifest.warnings.map((w) => w.message)).toEqual([
    "--param is ignored for a manifest: each entry's params apply",
    expect.stringContaining('have no effect here'),
  ]);
});

test('a whole data dir validates; configs with placeholders are checked through manifests', async () => {
  const { reports, unchecked } = await validateDataDir(REFERENCE_DATA);
  expect(reports.every((r) => r.valid)).toBe(true);
  // 5 manifests, 5 SLO tables, the tuned config: everything without placeholders.
  expect(reports.map((r) => r.kind).sort()).toEqual([
    'execution-config',
    'execution-manifest',
    'execution-manifest',
    'plotting-manifest',
    'plotting-manifest',
    ...Array(5).fill('slo-table'),
    'tuning-manifest',
  ]);
  // No vendored manifest uses the router evaluation config.
  expect(unchecked.map((f) => relative(REFERENCE_DATA, f))).toEqual([
    'execution_configs/handmade/query_router_eval_v8.yml',
  ]);
});

test('a tuned config the tuner has not written yet is a warning, located at the reference', async () => {
  const report = await validateConfigFile(
    join(REFERENCE_DATA, 'manifests/plotting/main_eval_v8.yml'),
    opts,
  );
  expect(report.valid).toBe(true);
  const notProduced = report.warnings.filter((w) => w.message.includes('not produced yet'));
  expect(notProduced.map((w) => [w.line, w.path])).toEqual([
    [98, 'main_content.panels.0.points.4.execution_config'],
    [176, 'main_content.panels.1.points.4.execution_config'],
    [254, 'main_content.panels.2.points.4.execution_config'],
    [332, 'main_content.panels.3.points.4.execution_config'],
  ]);
});
