import { InputError } from './errors.js';
import { pythonFixed } from './python-format.js';

export interface WorkloadIdParts {
  readonly workload_name: string;
  readonly target_date?: string | null;
  readonly rescale_factor?: number;
}

/** `<name>__<target_date or "target">__rf<rescale_factor as %.3f>` (reference §0.5). */
export function workloadId(w: WorkloadIdParts): string {
  const date = w.target_date ?? 'target';
  return `${w.workload_name}__${date}__rf${pythonFixed(w.rescale_factor ?? 1.0, 3)}`;
}

/**
 * The inverse of {@link workloadId}. The name may itself contain `__`; the last two segments
 * are the date and the factor. The factor comes back rounded to 3 decimals, as written.
 */
export function parseWorkloadId(id: string): {
  workload_name: string;
  target_date: string | null;
  rescale_factor: number;
} {
  const parts = id.split('__');
  const rf = parts.pop();
  const date = parts.pop();
  const name = parts.join('__');
  const rfMatch = rf === undefined ? null : /^rf(\d+(?:\.\d+)?)$/.exec(rf);
  const dateOk = date === 'target' || (date !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(date));
  if (!name || !rfMatch || !dateOk) {
    throw new InputError({
      path: 'workload id',
      message: `'${id}' is not a workload id`,
      expected: '<name>__<YYYY-MM-DD|target>__rf<factor>, e.g. demo__2024-05-27__rf0.167',
    });
  }
  return {
    workload_name: name,
    target_date: date === 'target' ? null : (date ?? null),
    rescale_factor: Number(rfMatch[1]),
  };
}
