// Schemas of every config file kind, with inferred types.

export {
  isProcessRunning,
  removeStaleAsides,
  writeDirAtomic,
  writeFileAtomic,
} from './atomic.js';
export { type CheckOptions, type CheckResult, checkConfigText } from './check-text.js';
export {
  CONFIG_KINDS,
  type ConfigKind,
  inferConfigKind,
  parseConfigKind,
  SCHEMA_OF_KIND,
} from './config-kind.js';
// Data-directory layout, references, ids, overrides, params.
export { DataDir, type ManifestKind, toDataDir } from './data-dir.js';
export { formatIssue, InputError, type InputIssue, isInputError } from './errors.js';
export {
  type Loaded,
  type LoadOptions,
  loadExecutionConfig,
  loadExecutionManifest,
  loadPlottingManifest,
  loadSloTable,
  loadTunerConfig,
  loadTuningManifest,
  readConfigText,
  resolveManifestRef,
} from './load.js';
export { applyOverrides } from './overrides.js';
export {
  formatParamValue,
  PARAM_NAME_PATTERN,
  type ParamScalar,
  type Params,
  type ParamValue,
  PyFloat,
  parseParamFlags,
} from './params.js';
export { pathExists } from './path-exists.js';
export {
  PLACEHOLDER_PATTERN,
  type Substitution,
  substitutePlaceholders,
  type UnresolvedPlaceholder,
} from './placeholders.js';
export { pythonFixed, pythonFloatRepr, pythonStrRepr } from './python-format.js';
export { configStem, resolveConfigRef } from './refs.js';
export { makeRunId, RUN_ID_SEPARATOR } from './run-id.js';
export { isRpuSize, type YamlValue } from './schemas/_common.js';
export {
  AUTOSCALING_POLICIES,
  AUTOSCALING_TRIGGER_POLICIES,
  type AutoscalerConfig,
  AutoscalerConfigSchema,
  type AutoscalingPolicyName,
  type AutoscalingTriggerPolicyName,
  DEFAULT_AUTOSCALER_CONFIG,
  LEGACY_AUTOSCALING_POLICIES,
} from './schemas/autoscaler-config.js';
export {
  type ManagedClusterPoolConfig,
  ManagedClusterPoolConfigSchema,
  type ScheduledSpinup,
  ScheduledSpinupSchema,
} from './schemas/cluster-pool-config.js';
export {
  type ExecutionConfig,
  ExecutionConfigSchema,
  type WrittenExecutionConfig,
} from './schemas/execution-config.js';
export {
  ARRIVAL_TIME_POLICIES,
  type ArrivalTimePolicyName,
  FORECAST_POLICIES,
  type ForecasterConfig,
  ForecasterConfigSchema,
  type ForecastPolicyName,
  type ReservoirConfig,
  ReservoirConfigSchema,
} from './schemas/forecaster-config.js';
export {
  DEFAULT_LATENCY_MODEL_CONFIG,
  type LatencyModelConfig,
  LatencyModelConfigSchema,
} from './schemas/latency-model-config.js';
export {
  type ExecutionManifest,
  type ExecutionManifestEntry,
  ExecutionManifestEntrySchema,
  ExecutionManifestSchema,
  execConfigRefOf,
  execConfigRefProblem,
  type TuningManifest,
  type TuningManifestEntry,
  TuningManifestEntrySchema,
  TuningManifestSchema,
} from './schemas/manifests.js';
export { ParamsSchema } from './schemas/params-schema.js';
export {
  type ImprovementArrow,
  ImprovementArrowSchema,
  isMultiPanelPlot,
  type MultiPanelPlot,
  MultiPanelPlotSchema,
  type PlotLayout,
  PlotLayoutSchema,
  type PlotPanel,
  PlotPanelSchema,
  type PlotPoint,
  PlotPointSchema,
  type PlottingManifest,
  PlottingManifestSchema,
  plotPanels,
  type SinglePanelPlot,
  SinglePanelPlotSchema,
  type ThresholdLine,
  ThresholdLineSchema,
} from './schemas/plotting-manifest.js';
export {
  type CustomPolicyName,
  isCustomPolicyName,
  policyNameSchema,
} from './schemas/policy-name.js';
export {
  DEFAULT_WORKLOAD_RUNNER_CONFIG,
  PRICE_PERFORMANCE_LEVELS,
  type ProvisionerConfig,
  ProvisionerConfigSchema,
  type WorkloadRunnerConfig,
  WorkloadRunnerConfigSchema,
} from './schemas/provisioner-config.js';
export {
  type QueryRouterConfig,
  QueryRouterConfigSchema,
  ROUTING_POLICIES,
  type RoutingPolicyName,
} from './schemas/query-router-config.js';
export {
  SLO_METRICS,
  type SloMetricName,
  type SloObjectiveConfig,
  SloObjectiveConfigSchema,
  type SloResolverConfig,
  SloResolverConfigSchema,
} from './schemas/slo-configs.js';
export { type SloTableFile, SloTableFileSchema } from './schemas/slo-table.js';
export {
  type ParamSweepConfig,
  ParamSweepConfigSchema,
  type ParamSweepPhase,
  ParamSweepPhaseSchema,
  type SamplingConfig,
  SamplingConfigSchema,
  type SpinupOptimizerConfig,
  SpinupOptimizerConfigSchema,
  SWEEP_STRATEGIES,
  type SweepStrategyName,
  type TunerConfig,
  TunerConfigSchema,
  type WrittenTunerConfig,
} from './schemas/tuner-config.js';
export {
  type WorkloadConfig,
  WorkloadConfigSchema,
  type WrittenWorkloadConfig,
} from './schemas/workload-config.js';
export {
  NO_EFFECT_EXECUTION_KEYS,
  NO_EFFECT_TUNER_KEYS,
  settingNotes,
} from './setting-notes.js';
export {
  type CheckedFile,
  type ValidateOptions,
  ValidationCache,
  type ValidationReport,
  validateConfigFile,
} from './validate.js';
export {
  type DataDirValidation,
  looksLikeDataDir,
  validateDataDir,
} from './validate-data-dir.js';
export { parseWorkloadId, type WorkloadIdParts, workloadId } from './workload-id.js';
export { type NodeLocation, type PathKey, parseYamlTree, type YamlTree } from './yaml-tree.js';
