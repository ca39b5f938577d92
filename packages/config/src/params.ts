/** Placeholder parameters: their values and how Python would print them. */
import { InputError } from './errors.js';
import { pythonFloatRepr, pythonStrRepr } from './python-format.js';

/**
 * A float whose value is integral (`300.0` in YAML). JavaScript numbers cannot tell `300.0`
 * from `300`, but Python prints them differently and the text ends up in run ids, so manifest
 * params keep such values wrapped.
 */
export class PyFloat {
  constructor(readonly value: number) {}
  toString(): string {
    return pythonFloatRepr(this.value);
  }
  toJSON(): number {
    return this.value;
  }
}

export type ParamScalar = string | number | boolean | null | PyFloat;
export type ParamValue =
  | ParamScalar
  | readonly ParamValue[]
  | { readonly [key: string]: ParamValue };
/** Placeholder values by name (`KAPPA`, `TARGET_DATE`, ...). */
export type Params = Record<string, ParamValue>;

/** A placeholder name, as in `<TARGET_DATE>`. */
export const PARAM_NAME_PATTERN = /^[A-Z][A-Z0-9_]*$/;

function formatNumber(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e16 ? String(n) : pythonFloatRepr(n);
}

function reprParam(v: ParamValue): string {
  if (typeof v === 'string') return pythonStrRepr(v);
  return formatParamValue(v);
}

/**
 * Python `str(value)`: `4`, `0.05`, `300.0` (a {@link PyFloat}), `[32, 32]`, `True`, `None`,
 * `{'a': 1}`; strings as they are at the top level, quoted inside lists.
 */
export function formatParamValue(v: ParamValue): string {
  if (v === null) return 'None';
  if (v instanceof PyFloat) return v.toString();
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return formatNumber(v);
  if (Array.isArray(v)) return `[${v.map(reprParam).join(', ')}]`;
  const entries = Object.entries(v as { readonly [key: string]: ParamValue });
  return `{${entries.map(([k, x]) => `${pythonStrRepr(k)}: ${reprParam(x)}`).join(', ')}}`;
}

/**
 * `--param KEY=VALUE` flags to params: split on the first `=`, values stay strings
 * (as in the reference). An empty key or a missing `=` is an {@link InputError}.
 */
export function parseParamFlags(flags: readonly string[]): Params {
  const params: Params = {};
  const issues = [];
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    const key = eq === -1 ? '' : flag.slice(0, eq).trim();
    if (eq === -1 || key === '') {
      issues.push({
        path: '--param',
        message: `'${flag}' is not KEY=VALUE`,
        expected: 'KEY=VALUE, e.g. KAPPA=4',
      });
      continue;
    }
    params[key] = flag.slice(eq + 1);
  }
  if (issues.length > 0) throw new InputError(issues);
  return params;
}
