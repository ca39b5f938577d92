import * as v from 'valibot';
import {
  AutoscalerConfigSchema,
  ExecutionConfigSchema,
  ExecutionManifestSchema,
  ForecasterConfigSchema,
  LatencyModelConfigSchema,
  ManagedClusterPoolConfigSchema,
  ParamSweepConfigSchema,
  PlotLayoutSchema,
  PlotPanelSchema,
  PlottingManifestSchema,
  ProvisionerConfigSchema,
  PyFloat,
  plotPanels,
  QueryRouterConfigSchema,
  ReservoirConfigSchema,
  SamplingConfigSchema,
  SloObjectiveConfigSchema,
  SloResolverConfigSchema,
  SloTableFileSchema,
  SpinupOptimizerConfigSchema,
  TunerConfigSchema,
  TuningManifestSchema,
  WorkloadConfigSchema,
  WorkloadRunnerConfigSchema,
} from '../src/index.js';

const parse = <S extends v.GenericSchema<unknown, unknown>>(s: S, x: unknown) => v.parse(s, x);

describe('each section fills the reference defaults', () => {
  test('workload_config', () => {
    expect(parse(WorkloadConfigSchema, { workload_name: 'w' })).toEqual({
      workload_name: 'w',
      workload_dir: null,
      target_date: null,
      rescale_factor: 1.0,
    });
  });
  test('slo_resolver_config and slo_objective_config', () => {
    expect(parse(SloResolverConfigSchema, {})).toEqual({
      slo_s: 10.0,
      slo_dict_filename: null,
      slo_tightening_factor: 1.0,
    });
    expect(parse(SloObjectiveConfigSchema, {})).toEqual({
      slo_metric: 'binary',
      slo_threshold: 0.05,
    });
  });
  test('provisioner_config, with this project price_per_rpu_hour', () => {
    expect(parse(ProvisionerConfigSchema, { aws_config_path: 'a.yml' })).toEqual({
      aws_config_path: 'a.yml',
      spin_up_delay_s: 300.0,
      max_capacity_ratio: 1.0,
      price_performance_target_level: null,
      max_capacity_under_price_performance_target: 128,
      price_per_rpu_hour: 0.375,
    });
  });
  test('workload_runner_config', () => {
    expect(parse(WorkloadRunnerConfigSchema, {})).toEqual({
      max_threads: 512,
      closed_loop: false,
      schema_name: 'ext_tpcds1000',
    });
  });
  test('managed_cluster_pool_config', () => {
    expect(parse(ManagedClusterPoolConfigSchema, { initial_rpus: [16] })).toEqual({
      initial_rpus: [16],
      max_clusters: null,
      maxconns: 1000,
    });
  });
  test('query_router_config', () => {
    expect(parse(QueryRouterConfigSchema, {})).toEqual({
      routing_policy_name: 'use_iconq_model',
      iconq_model_id: 'all_66_and_99_template_runs_with_aborted_v3',
      cluster_cache_state_update_alpha: 0.7,
      cache_risk_cost_multiplier: 0.0,
      cache_risk_coverage: 0.9,
      cache_risk_epsilon: 1e-6,
      forecaster_config: null,
    });
  });
  test('autoscaler_config', () => {
    expect(parse(AutoscalerConfigSchema, {})).toEqual({
      allowed_rpu_sizes: [4, 8, 16, 32],
      autoscaling_policy: 'add_single_best_forward',
      autoscaling_trigger_policy: 'predicted_violations',
      queue_length_for_trigger_policy: 30,
      min_cluster_lifetime_s: 1200,
      idle_time_before_tear_down_s: 300,
      observation_window_s: 120,
      trigger_slo_tightening_factor: 1.0,
      min_finished_queries_in_counterfactual: 30,
      min_observations_to_act: 30,
      force_one_decision_after_query_fraction: null,
      max_replay_copies: 30,
      trigger_slo_objective_config: null,
    });
  });
  test('latency_model_config (design.md)', () => {
    expect(parse(LatencyModelConfigSchema, {})).toEqual({
      reference_rpu: 16,
      rpu_exponent: 0.7,
      parallelism_per_rpu: 0.25,
      admission_limit: null,
      noise_cv: 0,
      noise_seed: 0,
      profile_filename: null,
      default_isolated_latency_s: null,
    });
  });
  test('an execution config with only the required sections gets every other one', () => {
    const cfg = parse(ExecutionConfigSchema, {
      workload_config: { workload_name: 'w' },
      provisioner_config: { aws_config_path: 'a.yml' },
      managed_cluster_pool_config: { initial_rpus: [16] },
    });
    expect(Object.keys(cfg)).toEqual([
      'workload_config',
      'slo_resolver_config',
      'slo_objective_config',
      'provisioner_config',
      'workload_runner_config',
      'managed_cluster_pool_config',
      'scheduled_spinups',
      'query_router_config',
      'autoscaler_config',
      'latency_model_config',
    ]);
    expect(cfg.scheduled_spinups).toEqual([]);
    expect(cfg.slo_objective_config).toEqual({ slo_metric: 'binary', slo_threshold: 0.05 });
    expect(cfg.autoscaler_config.observation_window_s).toBe(120);
    expect(cfg.latency_model_config.reference_rpu).toBe(16);
    expect(cfg.workload_runner_config.max_threads).toBe(512);
  });
});

describe('tuner config sections', () => {
  test('sampling_config without a forecaster is ground-truth mode', () => {
    expect(parse(SamplingConfigSchema, { num_scenarios: 1 })).toEqual({
      num_scenarios: 1,
      seed: 42,
      train_fraction: 0.6,
      aggregation_method: 'mean',
      forecaster_config: null,
    });
  });
  test('forecaster_config and reservoir_config', () => {
    expect(
      parse(ForecasterConfigSchema, {
        forecast_policy_name: 'one_day',
        reservoir_config: { workload_name: 'w', last_day_date_inclusive: '2024-05-26' },
      }),
    ).toEqual({
      forecast_policy_name: 'one_day',
      decay_factor: 0.5,
      fixed_queries_per_hour: 100,
      rescale_factor: 1.0,
      arrival_time_policy_name: 'uniform',
      min_gaps_for_deciles: 20,
      max_arrivals_per_hour_safety_cap: 10000,
      reservoir_config: {
        workload_name: 'w',
        last_day_date_inclusive: '2024-05-26',
        num_days: 1,
        workload_dir: null,
      },
    });
    expect(v.is(ReservoirConfigSchema, { workload_name: 'w' })).toBe(false);
  });
  test('spinup_optimizer_config', () => {
    expect(parse(SpinupOptimizerConfigSchema, {})).toEqual({
      max_spinups: 5,
      min_delinquent_workload_fraction: 0.5,
      lead_time_s: 360.0,
      initial_rpu_candidates: [[16], [8], [32]],
      allowed_rpu_sizes: [4, 8, 16, 32],
      max_attempts_per_round: 10,
      min_candidate_spacing_s: null,
    });
  });
  test('param_sweep_config keeps candidate order and any YAML value', () => {
    const sweep = parse(ParamSweepConfigSchema, {
      params: { 'b.x': [2, 1], 'a.y': [{ k: 1 }, null] },
    });
    expect(sweep).toEqual({
      params: { 'b.x': [2, 1], 'a.y': [{ k: 1 }, null] },
      strategy: 'grid',
      val_top_k: 10,
      budget: 20,
      seed: 42,
      max_cycles: 3,
      starting_point: null,
      max_rounds: 5,
      beam_size: 3,
      min_sigma_fraction: 0.05,
      exploration_multiplier: 2.0,
    });
    expect(Object.keys(sweep.params)).toEqual(['b.x', 'a.y']);
  });
  test('a tuner config with only sampling_config', () => {
    const t = parse(TunerConfigSchema, { sampling_config: { num_scenarios: 1 } });
    expect(t.autoscaling_param_sweep.param_sweep_config.params).toEqual({});
    expect(t.query_routing_param_sweep.param_sweep_config.strategy).toBe('grid');
    expect(t.slo_objective_config).toEqual({ slo_metric: 'binary', slo_threshold: 0.05 });
    expect(t.spinup_optimizer_config.max_spinups).toBe(5);
  });
});

describe('manifests and SLO tables', () => {
  const point = {
    label: 'A',
    formatting_id: 'f',
    workload_config: { workload_name: 'w' },
    execution_config: 'exec:x',
  };
  test('execution and tuning manifest entries default params to {}', () => {
    const e = parse(ExecutionManifestSchema, {
      main_content: [{ workload_config: { workload_name: 'w' }, execution_config: 'exec:x' }],
    });
    expect(e.main_content[0]?.params).toEqual({});
    const t = parse(TuningManifestSchema, {
      main_content: {
        run: { configs: { initial_execution_config: 'exec:x', tuner_config: 'tuner:y' } },
      },
    });
    expect(t.main_content.run?.params).toEqual({});
  });
  test('manifest params keep PyFloat values', () => {
    const e = parse(ExecutionManifestSchema, {
      main_content: [
        {
          workload_config: { workload_name: 'w' },
          execution_config: 'e',
          params: { X: new PyFloat(300) },
        },
      ],
    });
    expect(e.main_content[0]?.params.X).toBeInstanceOf(PyFloat);
  });
  test('a single-panel plot and a multi-panel plot', () => {
    const single = parse(PlottingManifestSchema, { main_content: { points: [point] } });
    const grid = plotPanels(single.main_content);
    expect(grid.multiPanel).toBe(false);
    expect(grid.minRunId).toBeNull();
    expect(grid.layout).toEqual(parse(PlotLayoutSchema, {}));
    expect(grid.panels[0]).toEqual({ ...parse(PlotPanelSchema, { points: [point] }) });
    const multi = parse(PlottingManifestSchema, {
      main_content: { min_run_id: 5, panels: [{ row: 1, col: 2, points: [point] }] },
    });
    const g2 = plotPanels(multi.main_content);
    expect([g2.multiPanel, g2.minRunId, g2.panels[0]?.row, g2.panels[0]?.col]).toEqual([
      true,
      5,
      1,
      2,
    ]);
  });
  test('panel and layout defaults', () => {
    expect(parse(PlotLayoutSchema, {})).toEqual({
      rows: null,
      cols: null,
      figsize: null,
      shared_xlim: false,
      shared_ylim: false,
      show_legend: true,
      show_target_region: false,
      suppress_subplot_titles: false,
      annotate_with_cluster_sizes: false,
      table_reference_label: null,
    });
    const panel = parse(PlotPanelSchema, { points: [] });
    expect(panel).toEqual({
      row: 0,
      col: 0,
      title: '',
      show_legend: null,
      slo_objective_config: { slo_metric: 'binary', slo_threshold: 0.05 },
      slo_resolver_config: { slo_s: 10.0, slo_dict_filename: null, slo_tightening_factor: 1.0 },
      threshold_lines: [],
      improvement_arrow: null,
      tail_fraction: 1.0,
      min_cluster_index: null,
      show_target_region: null,
      annotate_with_cluster_sizes: null,
      outline_left_of: null,
      points: [],
    });
  });
  test('SLO table: run_id becomes a string, older header keys are accepted', () => {
    expect(parse(SloTableFileSchema, { run_id: 1778469201294, slo_dict: { '001': 1.5 } })).toEqual({
      run_id: '1778469201294',
      agg_method: null,
      multiplier: null,
      num_templates: null,
      rpu: null,
      baseline_percentile: null,
      slo_dict: { '001': 1.5 },
    });
    expect(
      v.is(SloTableFileSchema, { rpu: 16, baseline_percentile: 90, multiplier: 4.0, slo_dict: {} }),
    ).toBe(true);
  });
});

describe('renamed keys and rules', () => {
  test("the autoscaler's old slo_tightening_factor becomes trigger_slo_tightening_factor", () => {
    const a = parse(AutoscalerConfigSchema, { slo_tightening_factor: 0.5 });
    expect(a.trigger_slo_tightening_factor).toBe(0.5);
    expect('slo_tightening_factor' in a).toBe(false);
  });
  test('older policy names are renamed to the current ones', () => {
    expect(
      parse(AutoscalerConfigSchema, { autoscaling_policy: 'add_single_best' }).autoscaling_policy,
    ).toBe('add_single_best_forward');
    expect(
      parse(AutoscalerConfigSchema, { autoscaling_policy: 'replace_with_single_best' })
        .autoscaling_policy,
    ).toBe('replace_with_single_best_forward');
  });
  test('max_clusters must cover initial clusters and scheduled spin-ups', () => {
    const base = {
      workload_config: { workload_name: 'w' },
      provisioner_config: { aws_config_path: 'a' },
    };
    const ok = {
      ...base,
      managed_cluster_pool_config: { initial_rpus: [16], max_clusters: 2 },
      scheduled_spinups: [{ rel_time_s: 10, rpu: 32 }],
    };
    expect(v.is(ExecutionConfigSchema, ok)).toBe(true);
    expect(
      v.is(ExecutionConfigSchema, {
        ...ok,
        managed_cluster_pool_config: { initial_rpus: [16, 16], max_clusters: 2 },
      }),
    ).toBe(false);
  });
  test('a forecaster needs both train and validation scenarios', () => {
    const forecaster = {
      forecast_policy_name: 'one_day',
      reservoir_config: { workload_name: 'w', last_day_date_inclusive: '2024-05-26' },
    };
    expect(v.is(SamplingConfigSchema, { num_scenarios: 2, forecaster_config: forecaster })).toBe(
      true,
    );
    // int(1 * 0.6) = 0 training scenarios.
    expect(v.is(SamplingConfigSchema, { num_scenarios: 1, forecaster_config: forecaster })).toBe(
      false,
    );
  });
});
