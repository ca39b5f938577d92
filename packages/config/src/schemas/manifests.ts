import * as v from 'valibot';
import { anyYaml } from './_common.js';
import { emptyParams, ParamsSchema } from './params-schema.js';
import { WorkloadConfigSchema } from './workload-config.js';

const ref = () => v.pipe(v.string(), v.minLength(1, 'must not be empty'));

/**
 * The two ways an entry names its execution config (reference §0.2): `execution_config`
 * alone, or `sim_execution_config` and `live_execution_config` together.
 */
export const execConfigRefEntries = {
  execution_config: v.optional(ref()),
  sim_execution_config: v.optional(ref()),
  live_execution_config: v.optional(ref()),
};

interface ExecConfigRefs {
  execution_config?: string | undefined;
  sim_execution_config?: string | undefined;
  live_execution_config?: string | undefined;
}

/** Why an entry's config references break the one-style rule, or `null` when they don't. */
export function execConfigRefProblem(e: ExecConfigRefs): string | null {
  const single = e.execution_config !== undefined;
  const sim = e.sim_execution_config !== undefined;
  const live = e.live_execution_config !== undefined;
  if (single && (sim || live)) {
    return 'use either execution_config or the sim_execution_config/live_execution_config pair, not both';
  }
  if (!single && !sim && !live) {
    return 'missing execution_config (or the sim_execution_config/live_execution_config pair)';
  }
  if (!single && sim !== live) {
    return 'sim_execution_config and live_execution_config must appear together';
  }
  return null;
}

/** The config an entry uses for simulator (`live` false) or live runs. */
export function execConfigRefOf(e: ExecConfigRefs, live: boolean): string {
  const chosen = e.execution_config ?? (live ? e.live_execution_config : e.sim_execution_config);
  if (chosen === undefined) throw new Error('entry names no execution config');
  return chosen;
}

/** The message of a failed one-style check. */
export function execConfigRefMessage(issue: { input: ExecConfigRefs }): string {
  return execConfigRefProblem(issue.input) ?? 'invalid execution config reference';
}

/** One entry of an execution manifest: a workload and an execution config to run on it. */
export const ExecutionManifestEntrySchema = v.pipe(
  v.strictObject({
    workload_config: WorkloadConfigSchema,
    ...execConfigRefEntries,
    params: v.optional(ParamsSchema, emptyParams),
  }),
  v.check((e) => execConfigRefProblem(e) === null, execConfigRefMessage),
);
export type ExecutionManifestEntry = v.InferOutput<typeof ExecutionManifestEntrySchema>;

/** `manifests/execution/*.yml` (reference §2.2): `main_content` is a list of entries. */
export const ExecutionManifestSchema = v.strictObject({
  /** Only a place for anchors; its content has no meaning. */
  locals: v.optional(anyYaml()),
  main_content: v.array(ExecutionManifestEntrySchema),
});
export type ExecutionManifest = v.InferOutput<typeof ExecutionManifestSchema>;

const RUN_NAME = /^[A-Za-z0-9][A-Za-z0-9_.=+,#-]*$/;

/** One tuning run of a tuning manifest; the manifest key is the run's name. */
export const TuningManifestEntrySchema = v.strictObject({
  configs: v.strictObject({
    initial_execution_config: ref(),
    tuner_config: ref(),
  }),
  params: v.optional(ParamsSchema, emptyParams),
});
export type TuningManifestEntry = v.InferOutput<typeof TuningManifestEntrySchema>;

/** `manifests/tuning/*.yml` (reference §1.2): `main_content` maps run name to entry. */
export const TuningManifestSchema = v.strictObject({
  locals: v.optional(anyYaml()),
  main_content: v.record(
    v.pipe(
      v.string(),
      v.regex(
        RUN_NAME,
        'must be a run name usable as a file name (letters, digits, _ . = + , # -)',
      ),
    ),
    TuningManifestEntrySchema,
  ),
});
export type TuningManifest = v.InferOutput<typeof TuningManifestSchema>;
