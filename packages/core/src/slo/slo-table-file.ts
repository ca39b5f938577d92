/**
 * Reading SLO table files (`data/slos/*.yml`). Only `slo_dict` matters for resolving SLOs;
 * the header (`run_id`, `agg_method`, `multiplier`, `num_templates`, or the older `rpu`,
 * `baseline_percentile`) is kept as written.
 */
import { readFileSync } from 'node:fs';
import { InputError, type InputIssue } from '@autoslo/config';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { templateIdOf } from './template-id.js';

/** A parsed SLO table: template id ('042') -> SLO in seconds, plus the file's header keys. */
export interface SloTable {
  readonly file: string;
  readonly sloDict: ReadonlyMap<string, number>;
  readonly header: Readonly<Record<string, unknown>>;
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
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const at = (offset: number | undefined) => {
    if (offset === undefined) return {};
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  if (doc.errors.length > 0) {
    throw new InputError(
      doc.errors.map((e) => ({ file, ...at(e.pos[0]), message: `invalid YAML: ${e.message}` })),
    );
  }
  const root = doc.contents;
  if (!isMap(root)) {
    throw new InputError({ file, message: 'an SLO table must be a mapping with a slo_dict key' });
  }
  const dictNode = root.get('slo_dict', true);
  if (!isMap(dictNode)) {
    throw new InputError({
      file,
      ...at(root.range?.[0]),
      path: 'slo_dict',
      message: 'missing or not a mapping of template id -> seconds',
    });
  }
  const sloDict = new Map<string, number>();
  const issues: InputIssue[] = [];
  for (const pair of dictNode.items) {
    const keyNode = pair.key;
    const rawKey = isScalar(keyNode) ? keyNode.value : keyNode;
    const template =
      typeof rawKey === 'string' || typeof rawKey === 'number' ? templateIdOf(rawKey) : null;
    const valueNode = pair.value;
    const value = isScalar(valueNode) ? valueNode.value : undefined;
    const where = at(isScalar(keyNode) ? keyNode.range?.[0] : undefined);
    if (template === null) {
      issues.push({
        file,
        ...where,
        path: 'slo_dict',
        message: `unreadable template id ${String(rawKey)}`,
      });
      continue;
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      issues.push({
        file,
        ...at(isScalar(valueNode) ? valueNode.range?.[0] : undefined),
        path: `slo_dict.${template}`,
        message: 'an SLO must be a positive number of seconds',
        received: String(value),
      });
      continue;
    }
    sloDict.set(template, value);
  }
  if (issues.length > 0) throw new InputError(issues);
  const header: Record<string, unknown> = {};
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (key === 'slo_dict') continue;
    header[key] = isScalar(pair.value) ? pair.value.value : pair.value?.toJSON();
  }
  return { file, sloDict, header };
}
