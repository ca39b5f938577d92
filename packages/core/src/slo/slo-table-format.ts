/**
 * Writes SLO tables exactly as the reference's `slo_table.py` + `dump_yaml` did:
 *
 *   run_id: '1778469201294'
 *   agg_method: p100
 *   multiplier: 4
 *   num_templates: 99
 *   slo_dict:
 *     '001': 12.814
 *
 * Strings that a YAML 1.1 reader would take for something else (numbers, zero-padded ids,
 * booleans) are single-quoted; floats are written as Python prints them (`4.0`, `1e-05`).
 */

import { pythonFloatRepr } from '@autoslo/config';

/** The contents of one SLO table file. */
export interface SloTableContent {
  readonly run_id: string;
  readonly agg_method: string;
  readonly multiplier: number;
  /** Template id -> SLO seconds, in the order to write. */
  readonly slo_dict: ReadonlyMap<string, number>;
}

const SAFE_PLAIN = /^[A-Za-z_][A-Za-z0-9_.=/-]*$/;
const YAML11_WORDS =
  /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;

/** A YAML scalar for a string, single-quoted unless it is unambiguously a plain string. */
export function yamlString(value: string): string {
  if (SAFE_PLAIN.test(value) && !YAML11_WORDS.test(value)) return value;
  return `'${value.replaceAll("'", "''")}'`;
}

/** A float as Python's `repr` prints it (`4.0`, `1e-05`): @autoslo/config's `pythonFloatRepr`. */
export const pythonFloat: (value: number) => string = pythonFloatRepr;

/** A number as Python prints an int or a float read from a flag (`4`, `1.5`). */
export function pythonNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : pythonFloat(value);
}

/** The file text of an SLO table. */
export function formatSloTable(content: SloTableContent): string {
  const lines = [
    `run_id: ${yamlString(content.run_id)}`,
    `agg_method: ${yamlString(content.agg_method)}`,
    `multiplier: ${pythonNumber(content.multiplier)}`,
    `num_templates: ${content.slo_dict.size}`,
  ];
  if (content.slo_dict.size === 0) {
    lines.push('slo_dict: {}');
  } else {
    lines.push('slo_dict:');
    for (const [template, slo] of content.slo_dict)
      lines.push(`  ${yamlString(template)}: ${pythonFloat(slo)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `<run>_<agg>_k<k>.yml`, e.g. `1778469201294_p100_k4.yml`. */
export function sloTableFilename(runId: string, aggMethod: string, multiplier: number): string {
  return `${runId}_${aggMethod}_k${pythonNumber(multiplier)}.yml`;
}
