import * as v from 'valibot';
import { PARAM_NAME_PATTERN, type Params, type ParamValue, PyFloat } from '../params.js';

function isParamValue(x: unknown): x is ParamValue {
  if (x === null || x instanceof PyFloat) return true;
  const t = typeof x;
  if (t === 'string' || t === 'number' || t === 'boolean') return true;
  if (Array.isArray(x)) return x.every(isParamValue);
  if (t === 'object') return Object.values(x as object).every(isParamValue);
  return false;
}

/** A manifest entry's `params:` mapping: placeholder name to value. */
// Typed as a plain generic schema: inferring through the recursive ParamValue is too deep for tsc.
export const ParamsSchema: v.GenericSchema<Record<string, unknown>, Params> = v.record(
  v.pipe(
    v.string(),
    v.regex(PARAM_NAME_PATTERN, 'must be a placeholder name like TARGET_DATE ([A-Z][A-Z0-9_]*)'),
  ),
  v.custom<ParamValue>(isParamValue, 'must be a scalar, a list or a mapping'),
) as v.GenericSchema<Record<string, unknown>, Params>;

/** Default of an absent `params:` (a named function keeps tsc from expanding `Params`). */
export function emptyParams(): Params {
  return {};
}
