/**
 * YAML as the reference dumps it: block style, key order kept, zero-padded numeric strings
 * (`'008'`) quoted so no reader takes them for numbers.
 */
import { stringify } from 'yaml';

export function dumpYaml(doc: unknown): string {
  return stringify(doc, { indent: 2, lineWidth: 0, aliasDuplicateObjects: false });
}
