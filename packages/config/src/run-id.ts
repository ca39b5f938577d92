import { formatParamValue, type Params } from './params.js';

/** Separator of run-id segments (the reference's older `#` is not produced). */
export const RUN_ID_SEPARATOR = '__';

/**
 * `stem1__stem2__KEY=value__...`: the stems in order, then one `KEY=value` per param with keys
 * sorted, values printed as Python would (`300.0`, `[32, 32]`). Plain string joining, no hash,
 * so equal inputs always name the same directory.
 */
export function makeRunId(stems: readonly string[], params: Params = {}): string {
  const keys = Object.keys(params).sort();
  const parts = [...stems, ...keys.map((k) => `${k}=${formatParamValue(params[k] ?? null)}`)];
  return parts.join(RUN_ID_SEPARATOR);
}
