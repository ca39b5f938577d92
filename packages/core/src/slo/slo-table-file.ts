/**
 * Reading SLO table files (`data/slos/*.yml`) and latency profiles of the same format. The
 * file is checked by @autoslo/config's `SloTableFileSchema` (the one schema, also behind
 * `loadSloTable` and `autoslo validate`); this adds the synchronous read the resolver needs
 * and template ids normalised as lookups use them (`42` -> `042`).
 */
import { readFileSync } from 'node:fs';
import {
  checkConfigText,
  InputError,
  type SloTableFile,
  SloTableFileSchema,
} from '@autoslo/config';
import { templateIdOf } from './template-id.js';

/** A parsed SLO table: template id ('042') -> SLO in seconds, plus the file's header keys. */
export interface SloTable {
  readonly file: string;
  readonly sloDict: ReadonlyMap<string, number>;
  readonly header: Readonly<Omit<SloTableFile, 'slo_dict'>>;
}

/**
 * Reads and validates an SLO table file synchronously (the resolver is built in
 * constructors and worker threads).
 * @throws InputError naming file, line and path when the file is missing or malformed.
 */
export function readSloTableFile(file: string): SloTable {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError({
      file,
      message: `cannot read SLO table: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    });
  }
  return parseSloTable(text, file);
}

/** Parses the text of an SLO table file; `file` is used in error messages only. */
export function parseSloTable(text: string, file: string): SloTable {
  const checked = checkConfigText(text, file, SloTableFileSchema);
  if (checked.value === undefined || checked.issues.length > 0) {
    throw new InputError(checked.issues);
  }
  const { slo_dict, ...header } = checked.value;
  const sloDict = new Map<string, number>();
  for (const [key, slo] of Object.entries(slo_dict)) {
    // The schema admits only keys templateIdOf reads.
    sloDict.set(templateIdOf(key) as string, slo);
  }
  return { file, sloDict, header };
}
