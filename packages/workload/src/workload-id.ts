/**
 * The reference's workload id, `<name>__<target_date or "target">__rf<%.3f>`.
 * Kept here until `@autoslo/config` exports `workloadId`; same format.
 */
export interface WorkloadIdParts {
  readonly workload_name: string;
  readonly target_date?: string | null;
  readonly rescale_factor?: number;
}

export function workloadIdOf(cfg: WorkloadIdParts): string {
  return `${cfg.workload_name}__${cfg.target_date ?? 'target'}__rf${(cfg.rescale_factor ?? 1).toFixed(3)}`;
}
