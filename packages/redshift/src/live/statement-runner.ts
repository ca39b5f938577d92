/**
 * Runs SQL through the Data API: submit, then poll DescribeStatement adaptively (fast at
 * first, slower the longer a statement runs, so N in-flight queries do not cost N calls
 * every few milliseconds), and page results with GetStatementResult.
 */
import {
  BatchExecuteStatementCommand,
  CancelStatementCommand,
  DescribeStatementCommand,
  type DescribeStatementResponse,
  ExecuteStatementCommand,
  type Field,
  GetStatementResultCommand,
  paginateGetStatementResult,
  type RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { sleep } from './rate-limiter.js';

export interface StatementTarget {
  readonly workgroupName: string;
  readonly database: string;
  /** Secrets Manager ARN of database credentials; without it, IAM temporary credentials. */
  readonly secretArn?: string;
}

export interface PollSettings {
  /** First wait after submitting (default 50 ms). */
  readonly initialMs?: number;
  /** Longest wait between two polls of one statement (default 2000 ms). */
  readonly maxMs?: number;
  /** Growth of the wait per poll (default 1.5). */
  readonly factor?: number;
}

export interface StatementOutcome {
  readonly id: string;
  readonly status: 'FINISHED' | 'FAILED' | 'ABORTED';
  readonly error: string | null;
  /** Server timestamps (epoch ms) of submission and of the last status change. */
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
  /** Engine execution time of the measured statement, seconds (NaN when not reported). */
  readonly durationS: number;
  readonly redshiftQueryId: number | null;
  readonly describe: DescribeStatementResponse;
}

const ENDED = new Set(['FINISHED', 'FAILED', 'ABORTED']);

export class StatementRunner {
  constructor(
    private readonly data: RedshiftDataClient,
    private readonly poll: PollSettings = {},
  ) {}

  /**
   * Runs `sqls` as one BatchExecuteStatement (one transaction, in order; a single statement
   * as ExecuteStatement) and waits for the end. The last statement is the measured one: its engine duration and query id are reported.
   * A `signal` stops the wait (the statement is cancelled, best effort).
   */
  async run(
    target: StatementTarget,
    sqls: readonly string[],
    signal?: AbortSignal,
  ): Promise<StatementOutcome> {
    const where = {
      WorkgroupName: target.workgroupName,
      Database: target.database,
      ...(target.secretArn ? { SecretArn: target.secretArn } : {}),
    };
    // One statement goes alone, so its result is read by the statement's own id.
    const submitted =
      sqls.length === 1
        ? await this.data.send(new ExecuteStatementCommand({ ...where, Sql: sqls[0] as string }))
        : await this.data.send(new BatchExecuteStatementCommand({ ...where, Sqls: [...sqls] }));
    const id = submitted.Id as string;
    return this.waitFor(id, signal);
  }

  async waitFor(id: string, signal?: AbortSignal): Promise<StatementOutcome> {
    let waitMs = this.poll.initialMs ?? 50;
    const maxMs = this.poll.maxMs ?? 2000;
    const factor = this.poll.factor ?? 1.5;
    for (;;) {
      await sleep(waitMs, signal);
      if (signal?.aborted) {
        await this.data.send(new CancelStatementCommand({ Id: id })).catch(() => undefined);
      }
      const d = await this.data.send(new DescribeStatementCommand({ Id: id }));
      if (ENDED.has(d.Status ?? '')) return outcomeOf(id, d);
      if (signal?.aborted) return outcomeOf(id, { ...d, Status: 'ABORTED', Error: 'run aborted' });
      waitMs = Math.min(maxMs, waitMs * factor);
    }
  }

  /** Every row of a finished statement, as objects keyed by column name. */
  async rows(id: string): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    // The SDK's paginator; a service answering the same token twice ends the result.
    const pages = paginateGetStatementResult(
      { client: this.data, stopOnSameToken: true },
      { Id: id },
    );
    for await (const page of pages) {
      const names = (page.ColumnMetadata ?? []).map((c) => c.name ?? c.label ?? '');
      for (const record of page.Records ?? []) {
        const row: Record<string, unknown> = {};
        record.forEach((field, i) => {
          row[names[i] ?? `col${i}`] = fieldValue(field);
        });
        out.push(row);
      }
    }
    return out;
  }

  /** Column names and types of a finished statement's result. */
  async columns(id: string): Promise<{ name: string; typeName: string }[]> {
    const page = await this.data.send(new GetStatementResultCommand({ Id: id }));
    return (page.ColumnMetadata ?? []).map((c) => ({
      name: c.name ?? c.label ?? '',
      typeName: (c.typeName ?? '').toLowerCase(),
    }));
  }
}

function fieldValue(field: Field): unknown {
  if (field.isNull) return null;
  if (field.stringValue !== undefined) return field.stringValue;
  if (field.longValue !== undefined) return field.longValue;
  if (field.doubleValue !== undefined) return field.doubleValue;
  if (field.booleanValue !== undefined) return field.booleanValue;
  return null;
}

function epochMs(d: Date | undefined): number {
  return d instanceof Date ? d.getTime() : Number.NaN;
}

function outcomeOf(id: string, d: DescribeStatementResponse): StatementOutcome {
  const subs = d.SubStatements ?? [];
  const measured = subs.length > 0 ? subs[subs.length - 1] : undefined;
  const durationNs = measured?.Duration ?? d.Duration;
  const status = (d.Status ?? 'FAILED') as StatementOutcome['status'];
  const error = d.Error ?? subs.find((s) => s.Error)?.Error ?? null;
  return {
    id,
    status,
    error: status === 'FINISHED' ? null : (error ?? status.toLowerCase()),
    createdAtMs: epochMs(d.CreatedAt),
    updatedAtMs: epochMs(measured?.UpdatedAt ?? d.UpdatedAt),
    durationS: durationNs !== undefined && durationNs >= 0 ? durationNs / 1e9 : Number.NaN,
    redshiftQueryId: measured?.RedshiftQueryId ?? d.RedshiftQueryId ?? null,
    describe: d,
  };
}
