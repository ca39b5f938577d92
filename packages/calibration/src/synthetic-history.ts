/**
 * Synthetic truth for calibration (tests, benchmarks, trying the commands without a warehouse): workgroups of several sizes run Poisson arrivals
 * of a few templates under a hidden latency model (processor sharing, FIFO admission,
 * log-normal noise), and every query is written as a SYS_QUERY_HISTORY row.
 */
import { ProcessorSharingExecution, type RunningQuery } from '@autoslo/core';
import { SeededRandom } from '@autoslo/workload';

export interface HiddenModel {
  readonly referenceRpu: number;
  readonly rpuExponent: number;
  readonly parallelismPerRpu: number;
  readonly admissionLimit: number;
  readonly noiseCv: number;
  /** Isolated latency at the reference RPU per template number. */
  readonly isolatedS: readonly number[];
}

export interface SyntheticRun {
  readonly workgroup: string;
  readonly rpu: number;
  /** Target utilisation of the workgroup's parallelism. */
  readonly load: number;
  readonly queries: number;
}

export interface HistoryRow {
  query_id: number;
  start_time: string;
  end_time: string;
  elapsed_time: number;
  queue_time: number;
  execution_time: number;
  status: string;
  query_type: string;
  result_cache_hit: boolean;
  query_text: string;
  workgroup_name: string;
  compute_capacity: number;
}

const T0 = Date.UTC(2026, 10, 2, 8, 0, 0);

function ts(ms: number): string {
  const iso = new Date(Math.round(ms)).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}000`;
}

/** SQL of template `t` with literals that vary per instance. */
function sqlOf(t: number, rng: SeededRandom): string {
  const n = 1 + Math.floor(rng.next() * 5);
  const list = Array.from({ length: n }, () => Math.floor(rng.next() * 1000)).join(', ');
  return `SELECT c${t}, count(*) FROM fact_${t} WHERE k IN (${list}) AND d > '2024-0${1 + (t % 9)}-01' GROUP BY 1 -- q${Math.floor(rng.next() * 1e6)}`;
}

export function generateHistory(
  model: HiddenModel,
  runs: readonly SyntheticRun[],
  seed: number,
): { rows: HistoryRow[]; sloS: (template: number) => number } {
  const rng = new SeededRandom(seed);
  const sigma = Math.sqrt(Math.log(1 + model.noiseCv ** 2));
  const meanRef = model.isolatedS.reduce((a, b) => a + b, 0) / model.isolatedS.length;
  const rows: HistoryRow[] = [];
  let nextId = 1000;
  let runStart = T0;
  for (const run of runs) {
    const c = Math.max(1, run.rpu * model.parallelismPerRpu);
    const scale = (model.referenceRpu / run.rpu) ** model.rpuExponent;
    const rate = (run.load * Math.min(c, model.admissionLimit)) / (meanRef * scale);
    const cluster = new ProcessorSharingExecution(c, model.admissionLimit);
    const admittedAt = new Map<RunningQuery, number>();
    const waiting = new Set<RunningQuery>();
    const meta = new Map<RunningQuery, { template: number; sql: string }>();
    const noteAdmissions = (now: number) => {
      for (const q of [...waiting]) {
        if (!Number.isNaN(q.admittedV)) {
          waiting.delete(q);
          admittedAt.set(q, now);
        }
      }
    };
    const complete = (at: number) => {
      const q = cluster.nextCompletingQuery() as RunningQuery;
      cluster.remove(q, at);
      noteAdmissions(at);
      const start = q.arrivalS;
      const admitted = admittedAt.get(q) as number;
      const m = meta.get(q) as { template: number; sql: string };
      rows.push({
        query_id: q.queryId,
        start_time: ts(runStart + start * 1000),
        end_time: ts(runStart + at * 1000),
        elapsed_time: Math.round((at - start) * 1e6),
        queue_time: Math.round((admitted - start) * 1e6),
        execution_time: Math.round((at - admitted) * 1e6),
        status: 'success',
        query_type: 'SELECT',
        result_cache_hit: false,
        query_text: m.sql,
        workgroup_name: run.workgroup,
        compute_capacity: run.rpu,
      });
    };
    let t = 0;
    for (let k = 0; k < run.queries; k++) {
      t += -Math.log(1 - rng.next()) / rate;
      while (cluster.nextCompletionTime() <= t) complete(cluster.nextCompletionTime());
      const template = Math.floor(rng.next() * model.isolatedS.length);
      const z = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
      const work =
        (model.isolatedS[template] as number) * scale * Math.exp(sigma * z - (sigma * sigma) / 2);
      const q: RunningQuery = {
        index: k,
        queryId: nextId++,
        queryTextId: String(template),
        arrivalS: t,
        sloS: Number.POSITIVE_INFINITY,
        triggerSloS: Number.POSITIVE_INFINITY,
        predictedWorkS: work,
        trueWorkS: work,
        admittedV: Number.NaN,
      };
      meta.set(q, { template, sql: sqlOf(template, rng) });
      cluster.add(q, t);
      if (Number.isNaN(q.admittedV)) waiting.add(q);
      else admittedAt.set(q, t);
    }
    while (cluster.activeCount > 0) complete(cluster.nextCompletionTime());
    runStart += (t + 3600) * 1000;
  }
  rows.sort((a, b) =>
    a.start_time < b.start_time ? -1 : a.start_time > b.start_time ? 1 : a.query_id - b.query_id,
  );
  return { rows, sloS: (template) => 4 * (model.isolatedS[template] as number) };
}

const COLUMNS: (keyof HistoryRow)[] = [
  'query_id',
  'start_time',
  'end_time',
  'elapsed_time',
  'queue_time',
  'execution_time',
  'status',
  'query_type',
  'result_cache_hit',
  'query_text',
  'workgroup_name',
  'compute_capacity',
];

export function historyCsv(rows: readonly HistoryRow[]): string {
  const field = (v: unknown) => {
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return `${COLUMNS.join(',')}\n${rows.map((r) => COLUMNS.map((c) => field(r[c])).join(',')).join('\n')}\n`;
}
