/**
 * Textual `<PLACEHOLDER>` substitution before YAML parsing (reference §0.3), keeping a map
 * from offsets in the substituted text back to the original, so errors found after parsing
 * still point at the line and column the user wrote.
 */
import { formatParamValue, type Params } from './params.js';

/** A placeholder: `<` + `[A-Z][A-Z0-9_]*` + `>`. */
export const PLACEHOLDER_PATTERN = /<([A-Z][A-Z0-9_]*)>/g;

export interface UnresolvedPlaceholder {
  readonly name: string;
  /** Offset of `<` in the original text. */
  readonly offset: number;
}

export interface Substitution {
  readonly text: string;
  readonly unresolved: readonly UnresolvedPlaceholder[];
  /** Names of the params the text used. */
  readonly used: ReadonlySet<string>;
  /** Offset in `text` to offset in the original. Inside a replacement: the placeholder's `<`. */
  originalOffset(offset: number): number;
}

interface Replacement {
  outStart: number;
  outEnd: number;
  origStart: number;
  origEnd: number;
}

/** Replace every `<KEY>` whose KEY is in `params` with Python's `str()` of the value. */
export function substitutePlaceholders(original: string, params: Params): Substitution {
  const replacements: Replacement[] = [];
  const unresolved: UnresolvedPlaceholder[] = [];
  const used = new Set<string>();
  let text = '';
  let last = 0;
  for (const m of original.matchAll(PLACEHOLDER_PATTERN)) {
    const name = m[1] as string;
    const start = m.index;
    if (!Object.hasOwn(params, name)) {
      unresolved.push({ name, offset: start });
      continue;
    }
    used.add(name);
    text += original.slice(last, start);
    const value = formatParamValue(params[name] ?? null);
    replacements.push({
      outStart: text.length,
      outEnd: text.length + value.length,
      origStart: start,
      origEnd: start + m[0].length,
    });
    text += value;
    last = start + m[0].length;
  }
  text += original.slice(last);
  return {
    text,
    unresolved,
    used,
    originalOffset(offset: number): number {
      let shift = 0;
      for (const r of replacements) {
        if (offset < r.outStart) break;
        if (offset < r.outEnd) return r.origStart;
        shift = r.origEnd - r.outEnd;
      }
      return offset + shift;
    },
  };
}
