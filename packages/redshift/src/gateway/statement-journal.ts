/**
 * The gateway's journal of what it told clients: every statement id it issued (with the
 * workgroup that runs it and its template) and every session (with its workgroup). One JSON
 * object per line, appended and fsynced before the client gets its answer; appends arriving
 * while a write is under way share the next one (group commit); the write and its fsync run
 * off the event loop. A restarted gateway
 * reads it back, so ids issued before a crash still resolve and sessions keep their
 * workgroup.
 */
import { closeSync, fdatasync, openSync, readFileSync, write } from 'node:fs';
import { join } from 'node:path';

export const STATEMENT_JOURNAL_FILENAME = 'statements.jsonl';

export type JournalRecord =
  | {
      readonly kind: 'statement';
      readonly id: string;
      readonly query_id: number;
      readonly template: string;
      readonly cluster: string;
      readonly workgroup: string;
      readonly at: string;
    }
  | { readonly kind: 'session'; readonly session_id: string; readonly workgroup: string };

export interface JournalState {
  /** Workgroup of each statement id issued. */
  readonly statements: Map<string, string>;
  /** Workgroup of each session. */
  readonly sessions: Map<string, string>;
  /** Highest query id issued so far (0 when none). */
  readonly lastQueryId: number;
}

/** Reads a journal; a torn last line (a killed process) is skipped. */
export function readStatementJournal(file: string): JournalState {
  const statements = new Map<string, string>();
  const sessions = new Map<string, string>();
  let lastQueryId = 0;
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { statements, sessions, lastQueryId };
  }
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let r: JournalRecord;
    try {
      r = JSON.parse(line) as JournalRecord;
    } catch {
      continue;
    }
    if (r.kind === 'statement') {
      statements.set(r.id, r.workgroup);
      lastQueryId = Math.max(lastQueryId, r.query_id);
    } else if (r.kind === 'session') sessions.set(r.session_id, r.workgroup);
  }
  return { statements, sessions, lastQueryId };
}

export class StatementJournal {
  readonly file: string;
  private readonly fd: number;
  private pending: { line: string; done: () => void; fail: (e: unknown) => void }[] = [];
  private writing = false;

  constructor(dir: string) {
    this.file = join(dir, STATEMENT_JOURNAL_FILENAME);
    this.fd = openSync(this.file, 'a');
  }

  /** Resolves once the record is on disk. */
  append(record: JournalRecord): Promise<void> {
    return new Promise((done, fail) => {
      this.pending.push({ line: `${JSON.stringify(record)}\n`, done, fail });
      if (!this.writing) this.flush();
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    this.writing = true;
    const settle = (error: unknown) => {
      for (const b of batch) {
        if (error) b.fail(error);
        else b.done();
      }
      this.writing = false;
      if (this.pending.length > 0) this.flush();
    };
    const bytes = Buffer.from(batch.map((b) => b.line).join(''));
    const writeFrom = (offset: number) => {
      write(this.fd, bytes, offset, bytes.length - offset, null, (error, n) => {
        if (error) settle(error);
        else if (offset + n < bytes.length) writeFrom(offset + n);
        else fdatasync(this.fd, (e) => settle(e));
      });
    };
    writeFrom(0);
  }

  /** Waits for the appends under way, then closes the file. */
  async close(): Promise<void> {
    while (this.writing || this.pending.length > 0) {
      await new Promise((r) => setTimeout(r, 1));
    }
    closeSync(this.fd);
  }
}
