/**
 * Redshift Serverless as a `WarehouseBackend`: a cluster is one namespace + workgroup
 * (Serverless API, created tagged and journaled), a statement goes through the Data API
 * tagged with the run id and with the result cache off, and the stats are the run's rows of
 * the SYS_* system tables. The local endpoint (`autoslo local-redshift`) is reached through
 * the same adapter.
 */
import { randomUUID } from 'node:crypto';
import type {
  BackendCluster,
  BackendStatement,
  ClusterStats,
  ForwardedReply,
  PassThroughStatement,
  StatementForwarding,
  StatementResult,
  WarehouseBackend,
} from '@autoslo/core';
import type { UpstreamDataApi } from '../gateway/upstream-data-api.js';
import { collectWorkgroupStats } from './collect-stats.js';
import type { ServerlessProvisioner } from './serverless-provisioner.js';
import { taggedSql } from './sql-catalog.js';
import type { StatementRunner, StatementTarget } from './statement-runner.js';

/** Turns Redshift's result cache off for the measured statement's session. */
export const RESULT_CACHE_OFF = 'SET enable_result_cache_for_session TO off';

export interface RedshiftServerlessBackendOptions {
  readonly provisioner: ServerlessProvisioner;
  readonly runner: StatementRunner;
  /** Tags every statement (`--<run_id>/<query_id>`) so the system tables find the run's. */
  readonly runId: string;
  /** Where the system-table files go (the run directory). */
  readonly outDir: string;
  /** Database of the statements (default `dev`). */
  readonly database?: string;
  /** Secrets Manager ARN of database credentials (default: IAM temporary credentials). */
  readonly secretArn?: string;
  /** Raw Data API access, for applications' own requests (a gateway); without it none pass. */
  readonly upstream?: UpstreamDataApi;
}

export class RedshiftServerlessBackend implements WarehouseBackend, StatementForwarding {
  private readonly workgroupOf = new Map<string, string>();

  constructor(private readonly o: RedshiftServerlessBackendOptions) {}

  /** Where `cluster`'s statements go. */
  targetOf(cluster: BackendCluster): StatementTarget {
    return {
      workgroupName: this.workgroupOf.get(cluster.name) ?? cluster.name,
      database: this.o.database ?? 'dev',
      ...(this.o.secretArn ? { secretArn: this.o.secretArn } : {}),
    };
  }

  provision(cluster: BackendCluster): Promise<void> {
    return this.o.provisioner.spinUp(cluster.name, cluster.rpu);
  }

  async adopt(cluster: BackendCluster, workgroup: string): Promise<void> {
    await this.o.provisioner.checkExisting(workgroup);
    this.workgroupOf.set(cluster.name, workgroup);
  }

  decommission(cluster: BackendCluster): Promise<void> {
    return this.o.provisioner.tearDown(cluster.name);
  }

  /** Forwards a by-id request (DescribeStatement, GetStatementResult, ...) as it is. */
  forward(operation: string, request: Readonly<Record<string, unknown>>): Promise<ForwardedReply> {
    if (!this.o.upstream) throw new Error('this backend was set up without raw Data API access');
    return this.o.upstream.forward(operation, request);
  }

  /**
   * An application's own ExecuteStatement / BatchExecuteStatement, sent as it is to the
   * cluster's workgroup (with a ClientToken, so a retried submission runs once), then
   * awaited like any statement.
   */
  private async executePassThrough(
    cluster: BackendCluster,
    pt: PassThroughStatement,
    signal: AbortSignal,
  ): Promise<StatementResult> {
    const { WorkgroupName: _pool, ClusterIdentifier: _cluster, ...rest } = pt.request;
    const request = {
      ...rest,
      WorkgroupName: this.targetOf(cluster).workgroupName,
      ClientToken: typeof rest.ClientToken === 'string' ? rest.ClientToken : randomUUID(),
    };
    const reply = await this.forward(pt.operation, request);
    pt.onSubmitted(reply, cluster);
    if (reply.errorCode !== null) {
      return {
        success: false,
        error: `submission refused: ${reply.errorCode}`,
        serviceS: Number.NaN,
        details: {},
      };
    }
    const id = String((JSON.parse(reply.body) as { Id?: unknown }).Id);
    const outcome = await this.o.runner.waitFor(id, signal);
    return {
      success: outcome.status === 'FINISHED',
      // An application's error text may quote its SQL's literals: the client reads it with
      // DescribeStatement; logs get the status only.
      error:
        outcome.status === 'FINISHED'
          ? null
          : `statement ${outcome.status} (details with DescribeStatement ${id})`,
      serviceS: (outcome.updatedAtMs - outcome.createdAtMs) / 1000,
      details: { statement_id: id, status: outcome.status },
    };
  }

  async execute(
    cluster: BackendCluster,
    statement: BackendStatement,
    signal: AbortSignal,
  ): Promise<StatementResult> {
    if (statement.passThrough)
      return this.executePassThrough(cluster, statement.passThrough, signal);
    const sql = taggedSql(this.o.runId, statement.queryId, statement.sql);
    const outcome = await this.o.runner.run(
      this.targetOf(cluster),
      [RESULT_CACHE_OFF, sql],
      signal,
    );
    return {
      success: outcome.status === 'FINISHED',
      error: outcome.error,
      // The server's span (queue + execution), free of polling delay and of clock skew.
      serviceS: (outcome.updatedAtMs - outcome.createdAtMs) / 1000,
      details: {
        statement_id: outcome.id,
        status: outcome.status,
        redshift_query_id: outcome.redshiftQueryId,
        engine_duration_s: outcome.durationS,
      },
    };
  }

  async collectStats(
    cluster: BackendCluster,
    window: { readonly startMs: number },
  ): Promise<ClusterStats> {
    const st = await collectWorkgroupStats(this.o.runner, this.targetOf(cluster), {
      runId: this.o.runId,
      clusterName: cluster.name,
      outDir: this.o.outDir,
      runStartMs: window.startMs,
    });
    return {
      elapsedS: st.elapsedS,
      chargedSeconds: st.chargedSeconds,
      savedRows: { sys_query_history: st.historyRows, sys_serverless_usage: st.usageRows },
    };
  }
}
