/**
 * The run's resource journal (`resources.jsonl` in the run directory): one JSON line per
 * create intent and per confirmed deletion, flushed to disk BEFORE the AWS call it
 * announces. Whatever happens to the process afterwards, `autoslo cleanup` can read what
 * may exist and was not deleted.
 */
import { appendFileSync, closeSync, fsyncSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const JOURNAL_FILENAME = 'resources.jsonl';

export type ResourceKind = 'namespace' | 'workgroup';

export interface JournalEntry {
  readonly action: 'create' | 'deleted';
  readonly kind: ResourceKind;
  readonly name: string;
  readonly run_id: string;
  /** ISO time of the entry. */
  readonly at: string;
}

export class ResourceJournal {
  readonly file: string;

  constructor(
    runDir: string,
    readonly runId: string,
  ) {
    this.file = join(runDir, JOURNAL_FILENAME);
  }

  /** Appends and fsyncs one line (synchronous on purpose: it must be on disk before the call). */
  private append(action: JournalEntry['action'], kind: ResourceKind, name: string): void {
    const entry: JournalEntry = {
      action,
      kind,
      name,
      run_id: this.runId,
      at: new Date().toISOString(),
    };
    appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
    const fd = openSync(this.file, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  willCreate(kind: ResourceKind, name: string): void {
    this.append('create', kind, name);
  }

  deleted(kind: ResourceKind, name: string): void {
    this.append('deleted', kind, name);
  }
}

/** Resources a journal file announces and does not confirm deleted, in creation order. */
export function outstandingResources(
  file: string,
): { kind: ResourceKind; name: string; run_id: string }[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const open = new Map<string, { kind: ResourceKind; name: string; run_id: string }>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let entry: JournalEntry;
    try {
      entry = JSON.parse(line) as JournalEntry;
    } catch {
      continue; // a torn last line of a killed process
    }
    const key = `${entry.kind}:${entry.name}`;
    if (entry.action === 'create')
      open.set(key, { kind: entry.kind, name: entry.name, run_id: entry.run_id });
    else open.delete(key);
  }
  return [...open.values()];
}
