/**
 * The gateway's counters and their Prometheus text exposition (format 0.0.4): statements
 * by template and cluster, SLO violations, unknown templates, statements in flight, clusters
 * by size and state, estimated spend, refused requests. Labels carry template ids and
 * cluster names only, never SQL.
 */

export interface ClusterGauge {
  readonly rpu: number;
  readonly state: string;
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function labels(l: Readonly<Record<string, string>>): string {
  const parts = Object.entries(l).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

class LabelledCounter {
  private readonly values = new Map<string, { l: Record<string, string>; n: number }>();

  inc(l: Record<string, string>, by = 1): void {
    const key = JSON.stringify(l);
    const v = this.values.get(key);
    if (v) v.n += by;
    else this.values.set(key, { l, n: by });
  }

  total(): number {
    let t = 0;
    for (const v of this.values.values()) t += v.n;
    return t;
  }

  lines(name: string): string[] {
    return [...this.values.values()].map((v) => `${name}${labels(v.l)} ${v.n}`);
  }
}

export class GatewayMetrics {
  readonly statements = new LabelledCounter();
  readonly completed = new LabelledCounter();
  readonly violations = new LabelledCounter();
  readonly refused = new LabelledCounter();
  readonly requests = new LabelledCounter();
  unknownTemplateStatements = 0;
  inFlight = 0;

  /**
   * The exposition text; `clusters`, `spend` and the gateway's added time per request (ms
   * samples, recent ones) are read at scrape time.
   */
  text(
    clusters: readonly ClusterGauge[],
    spendDollars: number,
    addedMs: readonly number[] = [],
    journalMs: readonly number[] = [],
  ): string {
    const out: string[] = [];
    const metric = (name: string, type: string, help: string, lines: string[]) => {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...lines);
    };
    metric(
      'autoslo_gateway_requests_total',
      'counter',
      'Data API requests served, by operation.',
      this.requests.lines('autoslo_gateway_requests_total'),
    );
    metric(
      'autoslo_gateway_statements_total',
      'counter',
      'Statements routed, by template and cluster.',
      this.statements.lines('autoslo_gateway_statements_total'),
    );
    metric(
      'autoslo_gateway_statements_completed_total',
      'counter',
      'Statements ended, by template and outcome.',
      this.completed.lines('autoslo_gateway_statements_completed_total'),
    );
    metric(
      'autoslo_gateway_slo_violations_total',
      'counter',
      'Statements that failed or ended after their SLO, by template.',
      this.violations.lines('autoslo_gateway_slo_violations_total'),
    );
    metric(
      'autoslo_gateway_unknown_template_statements_total',
      'counter',
      'Statements of templates the SLO table does not know (default SLO).',
      [`autoslo_gateway_unknown_template_statements_total ${this.unknownTemplateStatements}`],
    );
    metric(
      'autoslo_gateway_statements_in_flight',
      'gauge',
      'Statements routed and not yet ended (queue depth).',
      [`autoslo_gateway_statements_in_flight ${this.inFlight}`],
    );
    const byKey = new Map<string, number>();
    for (const c of clusters) {
      const key = `${c.rpu}|${c.state}`;
      byKey.set(key, (byKey.get(key) ?? 0) + 1);
    }
    metric(
      'autoslo_gateway_clusters',
      'gauge',
      'Clusters in the pool, by size (RPU) and state.',
      [...byKey].map(([k, n]) => {
        const [rpu, state] = k.split('|') as [string, string];
        return `autoslo_gateway_clusters${labels({ rpu, state })} ${n}`;
      }),
    );
    metric(
      'autoslo_gateway_estimated_spend_dollars',
      'gauge',
      'Estimated spend since the gateway started (busy windows, 60-s minimum).',
      [`autoslo_gateway_estimated_spend_dollars ${spendDollars}`],
    );
    const summary = (name: string, help: string, samplesMs: readonly number[]) => {
      const sorted = samplesMs.slice().sort((a, b) => a - b);
      const q = (p: number) =>
        sorted.length === 0
          ? Number.NaN
          : (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number) / 1000;
      metric(name, 'summary', help, [
        `${name}{quantile="0.5"} ${q(0.5)}`,
        `${name}{quantile="0.99"} ${q(0.99)}`,
        `${name}_sum ${sorted.reduce((a, b) => a + b, 0) / 1000}`,
        `${name}_count ${sorted.length}`,
      ]);
    };
    summary(
      'autoslo_gateway_added_seconds',
      "The gateway's own time per request (routing, bookkeeping, journal, proxying; the wait on the service left out), recent requests.",
      addedMs,
    );
    summary(
      'autoslo_gateway_journal_wait_seconds',
      'Time for a statement record to be on disk (write + fsync, group-committed), recent ones; part of the added time only with syncJournal.',
      journalMs,
    );
    metric(
      'autoslo_gateway_refused_requests_total',
      'counter',
      'Requests refused before reaching the service, by error code.',
      this.refused.lines('autoslo_gateway_refused_requests_total'),
    );
    return `${out.join('\n')}\n`;
  }
}
