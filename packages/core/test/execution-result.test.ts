import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '@autoslo/config';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { BillingAccumulator } from '../src/billing/billing-accumulator.js';
import { StructuredLog } from '../src/log/structured-log.js';
import { aggregateSummaries, violationForMetric } from '../src/result/aggregate-summaries.js';
import {
  buildBillingIntervalAnalysis,
  formatBillingIntervalAnalysis,
  readBillingIntervalAnalysis,
  totalBilledCost,
  writeBillingIntervalAnalysis,
} from '../src/result/billing-interval-analysis.js';
import { loadExecutionResult, toExecutionSummary } from '../src/result/load-execution-result.js';
import { extractQueryLatencies } from '../src/result/query-latencies.js';
import { summarizeExecution } from '../src/result/summarize-execution.js';
import { SloResolver } from '../src/slo/slo-resolver.js';

const A = 'autoslo-16-t-000';
const B = 'autoslo-8-t-001';
const EPOCH_S = 1_700_000_000;

// id, query text id, arrival, completion (undefined: never completes), cluster
const QUERIES: [number, string, number, number | undefined, string][] = [
  [1, 'tpcds#001#001', 0, 12, A], // L 12 vs SLO 10: over by 2 s, 0.2
  [2, 'tpcds#002#001', 5, 15, A], // L 10 vs 20: met
  [3, 'tpcds#003#001', 50, 58, A], // L 8 vs default 5: over by 3 s, 0.6
  [4, 'tpcds#001#002', 120, 125.5, A], // L 5.5 vs 10: met
  [5, 'tpcds#002#002', 130, 170, B], // L 40 vs 20: over by 20 s, 1.0
  [6, 'tpcds#001#003', 140, undefined, B], // never completes: not counted
];

function runLog(wallClock: boolean): StructuredLog {
  const log = new StructuredLog();
  log.append({
    rel_time_s: 0,
    event_type: 'run_start',
    source: 'simulator',
    details: { workload_name: 'w', num_queries: 6, closed_loop: false },
    wall_clock_s: wallClock ? EPOCH_S : null,
  });
  log.append({ rel_time_s: 0, event_type: 'cluster_ready', source: 'pool', cluster_name: A });
  log.append({ rel_time_s: 100, event_type: 'cluster_ready', source: 'pool', cluster_name: B });
  const events: [number, () => void][] = [];
  for (const [id, text, arrival, completion, cluster] of QUERIES) {
    events.push([
      arrival,
      () =>
        log.append({
          rel_time_s: arrival,
          event_type: 'arrival',
          source: 'simulator',
          query_id: id,
          query_text_id: text,
        }),
    ]);
    if (completion !== undefined) {
      events.push([
        completion,
        () =>
          log.append({
            rel_time_s: completion,
            event_type: 'completion',
            source: 'simulator',
            query_id: id,
            query_text_id: text,
            cluster_name: cluster,
            details: { success: true },
          }),
      ]);
    }
  }
  events.sort((x, y) => x[0] - y[0]);
  for (const [, append] of events) append();
  return log;
}

async function writeRunDir(
  kind: 'simulated' | 'live',
): Promise<{ runDir: string; dataDir: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'result-'));
  await mkdir(join(dataDir, 'slos'));
  await writeFile(join(dataDir, 'slos', 'table.yml'), "slo_dict:\n  '001': 10.0\n  '002': 20.0\n");
  const runDir = join(dataDir, 'run');
  await mkdir(runDir);
  await writeFile(
    join(runDir, 'execution_config.yml'),
    'slo_resolver_config:\n  slo_s: 5.0\n  slo_dict_filename: table.yml\n',
  );
  await runLog(kind === 'live').writeParquet(join(runDir, 'structured_log.parquet'));
  if (kind === 'simulated') {
    const a = new BillingAccumulator();
    for (const [, , arrival, completion, cluster] of QUERIES) {
      if (cluster === A && completion !== undefined) a.add(arrival, completion);
    }
    const b = new BillingAccumulator();
    b.add(130, 170);
    const analysis = buildBillingIntervalAnalysis([
      { name: A, rpu: 16, numCompletedQueries: 4, intervals: a.intervals() },
      { name: B, rpu: 8, numCompletedQueries: 1, intervals: b.intervals() },
    ]);
    await writeBillingIntervalAnalysis(join(runDir, 'billing_interval_analysis.yml'), analysis);
  } else {
    const t0 = EPOCH_S * 1000;
    const usage = parquetWriteBuffer({
      columnData: [
        {
          name: 'start_time',
          data: [new Date(t0), new Date(t0 + 60_000), new Date(t0 + 120_000)],
          type: 'TIMESTAMP',
        },
        { name: 'charged_seconds', data: [960, 480, 960], type: 'DOUBLE' },
        {
          name: 'charged_extra_compute_for_automatic_optimization_seconds',
          data: [0, 40, 0],
          type: 'DOUBLE',
        },
      ],
    });
    await writeFile(join(runDir, `sys_serverless_usage+${A}.parquet`), new Uint8Array(usage));
  }
  return { runDir, dataDir };
}

describe('billing_interval_analysis.yml', () => {
  test('per cluster, in the reference layout', async () => {
    const { runDir } = await writeRunDir('simulated');
    const analysis = await readBillingIntervalAnalysis(
      join(runDir, 'billing_interval_analysis.yml'),
    );
    // A: [0,12] [5,15] [50,58] merge into [0,60) -> 60 s; [120,125.5] -> 60 s
    expect(analysis[A]).toEqual({
      num_completed_queries: 4,
      num_billed_intervals: 2,
      total_billed_time_s: 120,
      cluster_cost_per_second: (16 * 0.375) / 3600,
      total_billed_cost: (120 * 16 * 0.375) / 3600,
      billed_intervals: [
        { start_s: 0, end_s: 60 },
        { start_s: 120, end_s: 180 },
      ],
    });
    // 120 s × 16 RPU = 0.2 $; 60 s × 8 RPU = 0.05 $
    expect(totalBilledCost(analysis)).toBeCloseTo(0.25, 12);
  });

  test('written as PyYAML wrote it', () => {
    const acc = new BillingAccumulator();
    acc.add(0, 12);
    acc.add(120, 125.5);
    const text = formatBillingIntervalAnalysis(
      buildBillingIntervalAnalysis(
        [{ name: B, rpu: 8, numCompletedQueries: 2, intervals: acc.intervals() }],
        0.45,
      ),
    );
    expect(text).toBe(
      [
        `${B}:`,
        '  num_completed_queries: 2',
        '  num_billed_intervals: 2',
        '  total_billed_time_s: 120',
        '  cluster_cost_per_second: 0.001',
        '  total_billed_cost: 0.12',
        '  billed_intervals:',
        '  - start_s: 0.0',
        '    end_s: 60.0',
        '  - start_s: 120.0',
        '    end_s: 180.0',
        '',
      ].join('\n'),
    );
    expect(formatBillingIntervalAnalysis({})).toBe('{}\n');
  });

  test('a cluster that never ran a query costs nothing', () => {
    const analysis = buildBillingIntervalAnalysis([
      { name: A, rpu: 32, numCompletedQueries: 0, intervals: [] },
    ]);
    expect(analysis[A]).toMatchObject({
      num_billed_intervals: 0,
      total_billed_time_s: 0,
      total_billed_cost: 0,
    });
    expect(totalBilledCost(analysis)).toBe(0);
  });
});

describe('loadExecutionResult', () => {
  test('simulated run under its own SLOs', async () => {
    const { runDir, dataDir } = await writeRunDir('simulated');
    const result = await loadExecutionResult(runDir, { dataDir });
    expect(result.kind).toBe('simulated');
    expect(result.num_queries).toBe(5);
    expect(result.violation_rate).toBeCloseTo(3 / 5, 12);
    expect(result.violation_amount_s).toBeCloseTo((2 + 3 + 20) / 5, 12);
    expect(result.violation_relative_mean).toBeCloseTo((0.2 + 0.6 + 1.0) / 5, 12);
    expect(result.total_cost).toBeCloseTo(0.25, 12);
    expect(result.total_rel_time_s).toBe(170);
    expect(result.tail_fraction).toBe(1);
    expect(result.min_cluster_index).toBeNull();
    expect(Array.from(result.queries.latencyS)).toEqual([12, 10, 8, 5.5, 40]);
  });

  test('rescored under another resolver', async () => {
    const { runDir, dataDir } = await writeRunDir('simulated');
    const lenient = await loadExecutionResult(runDir, {
      dataDir,
      resolver: new SloResolver({ sloS: 100 }),
    });
    expect([
      lenient.violation_rate,
      lenient.violation_amount_s,
      lenient.violation_relative_mean,
    ]).toEqual([0, 0, 0]);
    // tightened 0.5: SLOs 5, 10, default 2.5 -> q1 over 7 (1.4), q3 over 5.5 (2.2), q4 over 0.5 (0.1), q5 over 30 (3)
    const own = SloResolver.fromConfig({ slo_s: 5, slo_dict_filename: 'table.yml' }, dataDir);
    const strict = await loadExecutionResult(runDir, { dataDir, resolver: own.tightened(0.5) });
    expect(strict.violation_rate).toBeCloseTo(4 / 5, 12);
    expect(strict.violation_amount_s).toBeCloseTo((7 + 5.5 + 0.5 + 30) / 5, 12);
    expect(strict.violation_relative_mean).toBeCloseTo((1.4 + 2.2 + 0.1 + 3) / 5, 12);
  });

  test('tail_fraction and min_cluster_index windows', async () => {
    const { runDir, dataDir } = await writeRunDir('simulated');
    // last 40% of 5 queries by arrival: q4, q5
    const tail = await loadExecutionResult(runDir, { dataDir, tailFraction: 0.4 });
    expect(tail.num_queries).toBe(2);
    expect(tail.violation_rate).toBe(0.5);
    expect(tail.violation_amount_s).toBe(10);
    expect(tail.total_cost).toBeCloseTo(0.25, 12); // simulated cost is the whole run's
    // cluster #1 READY at 100: q4 (120) and q5 (130)
    const after = await loadExecutionResult(runDir, { dataDir, minClusterIndex: 1 });
    expect(after.num_queries).toBe(2);
    expect(after.violation_relative_mean).toBe(0.5);
    const never = await loadExecutionResult(runDir, { dataDir, minClusterIndex: 7 });
    expect(never.num_queries).toBe(0);
    expect(never.violation_rate).toBe(0);
    expect(never.warnings).toHaveLength(1);
    await expect(
      loadExecutionResult(runDir, { dataDir, tailFraction: 0.5, minClusterIndex: 1 }),
    ).rejects.toThrow(InputError);
    await expect(loadExecutionResult(runDir, { dataDir, tailFraction: 0 })).rejects.toThrow(
      InputError,
    );
  });

  test('live run: cost from charged seconds, windowed by usage start time', async () => {
    const { runDir, dataDir } = await writeRunDir('live');
    const all = await loadExecutionResult(runDir, { dataDir });
    expect(all.kind).toBe('live');
    // (960 + 480 + 40 + 960) RPU-s / 3600 × 0.375
    expect(all.total_cost).toBeCloseTo((2440 / 3600) * 0.375, 12);
    expect(all.violation_rate).toBeCloseTo(0.6, 12);
    // window starts at q4's arrival, 120 s after the epoch: only the last usage row
    const tail = await loadExecutionResult(runDir, { dataDir, tailFraction: 0.4 });
    expect(tail.total_cost).toBeCloseTo((960 / 3600) * 0.375, 12);
  });

  test('a live run without usage files fails loudly', async () => {
    const { runDir, dataDir } = await writeRunDir('simulated');
    const { rm } = await import('node:fs/promises');
    await rm(join(runDir, 'billing_interval_analysis.yml'));
    await expect(loadExecutionResult(runDir, { dataDir })).rejects.toThrow(/stats not collected/);
    await expect(loadExecutionResult(join(dataDir, 'nope'), { dataDir })).rejects.toThrow(
      InputError,
    );
  });

  test('summarizeExecution gives the loaded numbers from memory', async () => {
    const { runDir, dataDir } = await writeRunDir('simulated');
    const loaded = await loadExecutionResult(runDir, { dataDir, tailFraction: 0.4 });
    const resolver = SloResolver.fromConfig({ slo_s: 5, slo_dict_filename: 'table.yml' }, dataDir);
    const inMemory = summarizeExecution(runLog(false), {
      resolver,
      totalCost: 0.25,
      tailFraction: 0.4,
    });
    expect(inMemory).toEqual({ ...toExecutionSummary(loaded), total_cost: 0.25 });
  });

  test('a duplicate arrival is an input error', () => {
    const log = runLog(false);
    log.append({ rel_time_s: 1, event_type: 'arrival', source: 'simulator', query_id: 1 });
    expect(() => summarizeExecution(log, { resolver: new SloResolver(), totalCost: 0 })).toThrow(
      /duplicate arrival/,
    );
  });
});

describe('aggregateSummaries', () => {
  const summary = (violation_rate: number, total_cost: number, violation_amount_s = 0) => ({
    violation_rate,
    violation_amount_s,
    violation_relative_mean: violation_rate / 2,
    total_cost,
    num_queries: 10,
    total_rel_time_s: 100,
    tail_fraction: 1,
    min_cluster_index: null,
  });

  test('each metric independently', () => {
    const list = [summary(0.1, 9, 1), summary(0.3, 5, 2), summary(0.2, 7, 6)];
    const max = aggregateSummaries(list, 'max');
    // max violation from scenario 1, max cost from scenario 0
    expect([max.violation_rate, max.cost, max.violation_amount_s]).toEqual([0.3, 9, 6]);
    const mean = aggregateSummaries(list, 'mean');
    expect(mean.violation_rate).toBeCloseTo(0.2, 12);
    expect(mean.cost).toBeCloseTo(7, 12);
    expect(mean.violation_amount_s).toBeCloseTo(3, 12);
    // p50 of 3 values = the median
    const p50 = aggregateSummaries(list, 'p50');
    expect([p50.violation_rate, p50.cost, p50.violation_amount_s]).toEqual([0.2, 7, 2]);
    expect(p50.scenario_results).toBe(list);
    expect(violationForMetric(p50, 'absolute_s')).toBe(2);
    expect(violationForMetric(p50, 'relative_unconstrained')).toBe(p50.violation_relative_mean);
  });
});

describe('extractQueryLatencies', () => {
  test('pairs arrivals and completions, reads failures, rounds to 3 decimals', () => {
    const log = new StructuredLog();
    log.append({
      rel_time_s: 2,
      event_type: 'arrival',
      source: 'r',
      query_id: 2,
      query_text_id: 'x#002#001',
    });
    log.append({
      rel_time_s: 1,
      event_type: 'arrival',
      source: 'r',
      query_id: 1,
      query_text_id: 'x#001#001',
    });
    log.append({
      rel_time_s: 3.00049,
      event_type: 'completion',
      source: 'r',
      query_id: 1,
      details: '{"success": false}',
    });
    log.append({
      rel_time_s: 2.5,
      event_type: 'completion',
      source: 'r',
      query_id: 2,
      details: { success: true },
    });
    const q = extractQueryLatencies(log);
    expect(Array.from(q.queryId)).toEqual([1, 2]);
    expect(Array.from(q.latencyS)).toEqual([2, 0.5]);
    expect(Array.from(q.success)).toEqual([0, 1]);
    expect(q.queryTextId).toEqual(['x#001#001', 'x#002#001']);
    expect(extractQueryLatencies(log, { exact: true }).latencyS[0]).toBeCloseTo(2.00049, 12);
  });
});
