/**
 * Every execution config the reference shipped runs on a generated diurnal workload with
 * its reference params; the same inputs give byte-identical run directories; batch
 * evaluation on worker threads matches in-thread runs.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadExecutionConfig, type Params } from '@autoslo/config';
import { loadExecutionResult } from '@autoslo/core';
import { generateDiurnal, relativeStartTimes, sliceToDate } from '@autoslo/workload';
import { evaluateBatch, type SimulationWorkload, simulate } from '../src/index.js';

const DATA = resolve(import.meta.dirname, '../../../reference-data/autoslo/data');

const REFERENCE_PARAMS: Record<string, Params> = {
  'handmade/autoscaler_eval_v8': {
    AUTOSCALING_POLICY: 'add_single_best_forward',
    KAPPA: 4,
    INITIAL_RPU: 8,
    OBSERVATION_WINDOW_S: 300,
  },
  'handmade/main_eval_base_v8': { TARGET_DATE: '2024-05-27', KAPPA: 4 },
  'handmade/main_eval_rais_v8': {
    TARGET_DATE: '2024-05-27',
    RAIS_LEVEL: 100,
    RAIS_MAX_CAPACITY: 128,
  },
  'handmade/main_eval_round_robin': { TARGET_DATE: '2024-05-27', INITIAL_RPU: [16, 16] },
  'handmade/main_eval_round_robin_v8': { TARGET_DATE: '2024-05-27', INITIAL_RPU: [32, 32] },
  'handmade/query_router_eval_v8': {
    KAPPA: 4,
    SECOND_CLUSTER_RPUS: 16,
    ROUTING_POLICY_NAME: 'use_stage_model',
  },
  'handmade/trigger_eval_v8': {
    AUTOSCALING_TRIGGER_POLICY: 'combined_violations',
    KAPPA: 2,
    INITIAL_RPU: 8,
    OBSERVATION_WINDOW_S: 300,
  },
  'tuned_submission/may27_1month_k4_thresh10_nocache_v8': {},
};

const generated = generateDiurnal({ startDate: '2024-05-26', days: 3, seed: 7 });
function dayOf(date: string, rescale = 0.16666667): SimulationWorkload {
  const trace = sliceToDate(generated.trace, date);
  return {
    id: `${generated.name}__${date}__rf0.167`,
    name: generated.name,
    trace,
    relStartS: relativeStartTimes(trace, rescale),
  };
}
const may27 = dayOf('2024-05-27');
const workloadOverride = {
  workload_config: {
    workload_name: generated.name,
    target_date: '2024-05-27',
    rescale_factor: 0.16666667,
  },
};
const load = (ref: string) =>
  loadExecutionConfig(`exec:${ref}`, {
    dataDir: DATA,
    params: REFERENCE_PARAMS[ref] ?? {},
    overrides: workloadOverride,
  });

describe('reference execution configs', () => {
  it('lists every shipped config', async () => {
    const found: string[] = [];
    for (const sub of await readdir(join(DATA, 'execution_configs'))) {
      for (const f of await readdir(join(DATA, 'execution_configs', sub)))
        found.push(`${sub}/${f.replace(/\.yml$/, '')}`);
    }
    expect(found.sort()).toEqual(Object.keys(REFERENCE_PARAMS).sort());
  });

  for (const ref of Object.keys(REFERENCE_PARAMS)) {
    it(`${ref} runs on a generated diurnal day`, async () => {
      const { value } = await load(ref);
      const out = await simulate(value, may27, { dataDir: DATA });
      expect(out.queries).toBe(may27.trace.length);
      expect(out.summary.total_cost).toBeGreaterThan(0);
      expect(out.summary.violation_rate).toBeGreaterThanOrEqual(0);
      expect(out.summary.violation_rate).toBeLessThanOrEqual(1);
    });
  }
});

describe('determinism and batch evaluation', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'autoslo-sim-'));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('two runs with the same inputs write byte-identical directories', async () => {
    const { value } = await load('handmade/main_eval_base_v8');
    const first = await simulate(value, may27, { dataDir: DATA, outDir: join(tmp, 'a') });
    await simulate(value, may27, { dataDir: DATA, outDir: join(tmp, 'b') });
    const files = (await readdir(join(tmp, 'a'))).sort();
    expect(files).toEqual([
      'billing_interval_analysis.yml',
      'execution_config.yml',
      'mapping.yml',
      'structured_log.parquet',
      'summary.yml',
    ]);
    expect((await readdir(join(tmp, 'b'))).sort()).toEqual(files);
    for (const f of files) {
      expect(
        Buffer.compare(await readFile(join(tmp, 'a', f)), await readFile(join(tmp, 'b', f))),
      ).toBe(0);
    }
    // The log encoded on a worker thread during the run is the file core's encoder writes.
    const kept = await simulate(value, may27, { dataDir: DATA, keepLog: true });
    const encoded = kept.log?.toParquet() as Uint8Array;
    expect(
      Buffer.compare(
        Buffer.from(encoded),
        await readFile(join(tmp, 'a', 'structured_log.parquet')),
      ),
    ).toBe(0);
    // The run directory scores the same when read back from its files.
    const loaded = await loadExecutionResult(join(tmp, 'a'), { dataDir: DATA });
    expect(loaded.num_queries).toBe(first.summary.num_queries);
    expect(loaded.violation_rate).toBeCloseTo(first.summary.violation_rate, 12);
    expect(loaded.violation_amount_s).toBeCloseTo(first.summary.violation_amount_s, 9);
    expect(loaded.total_cost).toBeCloseTo(first.summary.total_cost, 9);
  });

  it('evaluateBatch on worker threads returns [config][workload] equal to in-thread runs', async () => {
    const configs = [
      (await load('handmade/main_eval_base_v8')).value,
      (await load('handmade/main_eval_round_robin_v8')).value,
    ];
    const workloads = [may27, dayOf('2024-05-28')];
    const threaded = await evaluateBatch({ configs, workloads, dataDir: DATA, threads: 2 });
    const inline = await evaluateBatch({ configs, workloads, dataDir: DATA, threads: 0 });
    expect(threaded).toEqual(inline);
    expect(threaded.map((row) => row.length)).toEqual([2, 2]);
    const direct = await simulate(configs[1]!, workloads[0]!, { dataDir: DATA });
    expect(threaded[1]?.[0]).toEqual(direct.summary);
  });
});
