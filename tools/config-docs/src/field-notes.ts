/**
 * Descriptions of the fields whose schema source has no doc comment, keyed by
 * `<parent>.<field>` (see `noteKey`); drawn from the reference's config documentation and
 * design.md. A doc comment in the schema source, when present, wins.
 */
const SLO_METRIC =
  'Per-query violation measure: `binary` (violated or not), `absolute_s` (seconds over the SLO), `relative` (overshoot / SLO), `relative_unconstrained`.';
const SLO_THRESHOLD = 'Feasibility threshold on the aggregated metric; a value `<=` it is met.';
const EXEC_REF =
  'Execution config to run: an `exec:<subpath>` ref or a path. Give it alone, or the `sim_execution_config`/`live_execution_config` pair.';
const SIM_REF = 'Execution config for simulator runs (with `live_execution_config`).';
const LIVE_REF = 'Execution config for live runs (with `sim_execution_config`).';
const SWEEP = {
  strategy:
    '`grid`: every combination; `random`: `budget` points of the grid; `coordinate_descent`: one key at a time; `adaptive_batch`: beam search over batches.',
  val_top_k: 'How many of the best training candidates are scored on the validation scenarios.',
  budget: '`random`: number of grid points sampled.',
  seed: '`random`: the sampling seed.',
  max_cycles: '`coordinate_descent`: full passes over the keys at most.',
  starting_point: '`coordinate_descent`: the first point; `null` = the middle value of each list.',
  max_rounds: '`adaptive_batch`: rounds at most.',
  beam_size: '`adaptive_batch`: candidates kept per round.',
  min_sigma_fraction:
    'No effect here (accepted for the reference): `adaptive_batch` narrows its search by its beam.',
  exploration_multiplier: '`adaptive_batch`: how wide new batches explore.',
};
const FORECASTER = {
  forecast_policy_name:
    'History used per target-day hour: `one_day` (yesterday), `seven_days_flat` (last 7 days), `same_day_once` (same weekday last week), `same_day_exponential` (every earlier same weekday, weights 1, d, d², ...), `ground_truth` (older name). `none` is refused: it forecasts nothing; leave `forecaster_config` out for ground-truth mode.',
  decay_factor: 'Per-week weight decay d of `same_day_exponential`.',
  fixed_queries_per_hour:
    'No effect here (accepted for the reference): hourly counts always come from the history.',
  rescale_factor:
    "No effect here (accepted for the reference): scenario days use the initial config's `workload_config.rescale_factor`.",
  arrival_time_policy_name:
    'Arrival seconds within an hour: `uniform`, or drawn from historical inter-arrival deciles.',
  min_gaps_for_deciles: 'Inter-arrival gaps needed before decile sampling is used.',
  max_arrivals_per_hour_safety_cap: 'Upper bound on generated arrivals per hour.',
};
const PANEL = {
  title: 'Panel title.',
  show_target_region: 'Shade the region meeting the threshold; `null` inherits the layout.',
  annotate_with_cluster_sizes:
    'Write the size of the second READY cluster beside each point; `null` inherits the layout.',
};
const POINT = {
  label: 'Legend label of the method.',
  execution_config: EXEC_REF,
  sim_execution_config: SIM_REF,
  live_execution_config: LIVE_REF,
};

function prefixed(parent: string, notes: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(notes).map(([k, v]) => [`${parent}.${k}`, v]));
}

const NO_CACHE_MODEL =
  'No effect here (accepted for the reference; a config that sets it gets a warning): there is no cache model, `cache_aware` routes as `use_iconq_model`';

export const FIELD_NOTES: Readonly<Record<string, string>> = {
  // slo_resolver_config, slo_objective_config
  'slo_resolver_config.slo_s':
    'SLO in seconds for templates missing from the table (or with no table).',
  'slo_resolver_config.slo_dict_filename':
    'SLO table file under `<data dir>/slos/`; `null` = `slo_s` for every query.',
  'slo_objective_config.slo_metric': SLO_METRIC,
  'slo_objective_config.slo_threshold': SLO_THRESHOLD,
  'trigger_slo_objective_config.slo_metric': SLO_METRIC,
  'trigger_slo_objective_config.slo_threshold': SLO_THRESHOLD,
  // provisioner_config
  'provisioner_config.aws_config_path':
    "No effect here (accepted for the reference; a config that sets it gets a warning): live runs take region, profile and credentials from the AWS SDK's standard chain.",
  'provisioner_config.spin_up_delay_s':
    'Delay between a spin-up request and the cluster being READY.',
  'provisioner_config.max_capacity_ratio':
    'Reference knob for live workgroups (max capacity relative to base).',
  'provisioner_config.price_performance_target_level':
    'Redshift AI-driven scaling (price-performance target) level for live workgroups; `null` = fixed base capacity.',
  'provisioner_config.max_capacity_under_price_performance_target':
    'Maximum RPUs under a price-performance target.',
  'provisioner_config.price_per_rpu_hour':
    'Dollars per RPU-hour used for cost (this project; Redshift Serverless list price).',
  'provisioner_config.cluster_cache_state_dim':
    'Injected by the reference from its latency model; accepted and ignored.',
  'provisioner_config.run_id': 'Injected by the reference (ms-epoch run id); accepted and ignored.',
  // workload_runner_config
  'workload_runner_config.max_threads': 'Live runs: concurrent query submissions at most.',
  'workload_runner_config.closed_loop':
    'Live runs: submit each query when the previous one finished (used to measure SLO baselines) instead of at its arrival time.',
  'workload_runner_config.schema_name':
    "No effect here (accepted for the reference; a config that sets it gets a warning): each query's schema is the first part of its `query_text_id`, which picks its SQL.",
  // managed_cluster_pool_config
  'managed_cluster_pool_config.initial_rpus': 'Clusters present at time 0, READY at once.',
  'managed_cluster_pool_config.max_clusters':
    'Cap on clusters alive at once, including the ones reserved for scheduled spin-ups; `null` = no cap.',
  'managed_cluster_pool_config.maxconns':
    'No effect here (accepted for the reference; a config that sets it gets a warning): live runs use the Data API, one statement per query, with no connection pool.',
  'managed_cluster_pool_config.num_reserved_clusters':
    'Injected by the reference (= number of `scheduled_spinups`); accepted and ignored.',
  'scheduled_spinups.rel_time_s':
    'When to request the cluster, in seconds since the start (rescaled time).',
  'scheduled_spinups.rpu': 'Base capacity of the cluster.',
  // query_router_config
  'query_router_config.routing_policy_name':
    'How a query picks its cluster: `use_iconq_model` (concurrency-aware latency model, cheapest feasible), `use_stage_model` (isolated latencies), `round_robin`, `uniform_random`, `least_loaded`; `cache_aware` is accepted but has no cache model here and routes as `use_iconq_model` (with a warning); or `custom:<name>`, a policy registered with `registerRoutingPolicy` (docs/autoscaling-policies.md).',
  'query_router_config.iconq_model_id':
    "The reference's latency-model checkpoint id; kept for compatibility.",
  'query_router_config.cluster_cache_state_update_alpha': `${NO_CACHE_MODEL} (reference: EMA factor of the per-cluster cache state).`,
  'query_router_config.cache_risk_cost_multiplier': `${NO_CACHE_MODEL} (reference: cost x (1 + multiplier x risk)).`,
  'query_router_config.cache_risk_coverage': `${NO_CACHE_MODEL} (reference: coverage of the risk estimate).`,
  'query_router_config.cache_risk_epsilon': `${NO_CACHE_MODEL} (reference: floor of the risk estimate).`,
  ...prefixed('forecaster_config', FORECASTER),
  'reservoir_config.last_day_date_inclusive':
    'Last day of history (usually the target day minus one).',
  'reservoir_config.num_days': 'Days of history ending at `last_day_date_inclusive`.',
  // autoscaler_config
  'autoscaler_config.autoscaling_policy':
    'What to do when a trigger fires: `noop`, `duplicate_largest`, `add_single_best_forward` / `replace_with_single_best_forward` (size chosen by a counterfactual replay), or a peer system rule (`snowflake_standard`, `snowflake_economy`, `redshift_queue_time`, `databricks_drain_time`). `add_single_best` and `replace_with_single_best` are old names. `custom:<name>`: a policy registered with `registerAutoscalingPolicy` (docs/autoscaling-policies.md).',
  'autoscaler_config.autoscaling_trigger_policy':
    'When to consider scaling: `queue_depth` (active queries >= N), `observed_violations` (completed queries in the window), `predicted_violations` (active queries, predicted), `combined_violations` (both), `noop`.',
  'autoscaler_config.min_cluster_lifetime_s': 'A cluster is never torn down before this age.',
  'autoscaler_config.idle_time_before_tear_down_s':
    'A READY cluster idle this long is torn down (once past its minimum lifetime).',
  'autoscaler_config.observation_window_s': 'Trailing window of completions the triggers look at.',
  'autoscaler_config.trigger_slo_tightening_factor':
    'SLOs are multiplied by this for the triggers (default 1.0).',
  'autoscaler_config.min_finished_queries_in_counterfactual':
    'Completions the what-if replay needs before a size is chosen.',
  'autoscaler_config.min_observations_to_act':
    'Arrivals needed since the last cluster became READY before a trigger may fire.',
  'autoscaler_config.max_replay_copies':
    'Repetitions of the observation window in the replay at most.',
  'autoscaler_config.trigger_slo_objective_config':
    'Metric and threshold the triggers use; `null` = the run’s `slo_objective_config`.',
  // latency_model_config
  'latency_model_config.reference_rpu': 'Cluster size at which isolated latencies are known.',
  'latency_model_config.rpu_exponent': 'Service time scales as (reference_rpu / rpu)^rpu_exponent.',
  'latency_model_config.parallelism_per_rpu':
    'Processor-sharing parallelism c(r) = max(1, r x parallelism_per_rpu).',
  'latency_model_config.noise_seed': 'Seed of the service-time noise.',
  // tuner config
  'sampling_config.num_scenarios': 'Scenario workloads sampled (forecasted), or 1 in oracle mode.',
  'sampling_config.seed': 'Seed of scenario i is seed + i.',
  'sampling_config.train_fraction': 'Share of scenarios used for training; the rest validate.',
  'sampling_config.aggregation_method':
    'How per-scenario metrics are aggregated: `mean`, `max` or a percentile `pNN`.',
  'spinup_optimizer_config.max_spinups': 'Accepted spin-ups (rounds) at most.',
  'spinup_optimizer_config.min_delinquent_workload_fraction':
    'Share of training scenarios that must miss the objective at the same time to form a congestion epoch.',
  'spinup_optimizer_config.lead_time_s': 'A spin-up is placed this long before congestion starts.',
  'spinup_optimizer_config.initial_rpu_candidates': 'Alternatives for `initial_rpus` tried first.',
  'spinup_optimizer_config.allowed_rpu_sizes': 'Sizes tried per placement.',
  'spinup_optimizer_config.max_attempts_per_round': 'Placement times tried per round.',
  ...prefixed('param_sweep_config', SWEEP),
  // manifests
  'configs.initial_execution_config': 'The execution config tuning starts from (ref or path).',
  'configs.tuner_config': 'The tuner config (`tuner:<name>` or a path).',
  '<name>.configs': 'The two configs of the run.',
  'main_content.configs': 'The two configs of the run.',
  'main_content.execution_config': EXEC_REF,
  'main_content.sim_execution_config': SIM_REF,
  'main_content.live_execution_config': LIVE_REF,
  'main_content.min_run_id': 'Live plots: ignore runs with a smaller run id.',
  ...prefixed('main_content', PANEL),
  ...prefixed('panels', PANEL),
  ...prefixed('points', POINT),
  'threshold_lines.value': 'Where to draw the line (x axis).',
  'threshold_lines.color': 'A palette name or CSS colour.',
  'threshold_lines.label': 'Legend text of the line.',
  'main_content.improvement_arrow': 'Arrow from one method to another with the cost saving.',
  'panels.improvement_arrow': 'Arrow from one method to another with the cost saving.',
  'improvement_arrow.base_label': 'Label of the method the arrow starts at.',
  'improvement_arrow.target_label': 'Label of the method the arrow points to.',
  'panels.row': 'Grid row of the panel.',
  'panels.col': 'Grid column of the panel.',
  'layout.rows': 'Grid rows; `null` = from the panels.',
  'layout.cols': 'Grid columns; `null` = from the panels.',
  'layout.figsize': 'Figure size in inches (width, height); `null` = from the grid.',
  'layout.shared_xlim': 'Same x range on every panel.',
  'layout.shared_ylim': 'Same y range on every panel.',
  'layout.show_target_region': 'Shade the region meeting the threshold.',
  'layout.suppress_subplot_titles': 'Draw no panel titles.',
  'layout.annotate_with_cluster_sizes':
    'Write the size of the second READY cluster beside each point.',
  // SLO table
  run_id: 'Id of the closed-loop run the table was measured from.',
  agg_method: 'How each template’s baseline latency was aggregated (`mean`, `max`, `pNN`).',
  num_templates: 'Templates in the table.',
  rpu: 'Older header: cluster size of the baseline run.',
  baseline_percentile: 'Older header: percentile of the baseline latencies.',
  slo_dict: 'SLO seconds per template id (3 digits, e.g. `042`).',
};
