/** Where reference service times come from, and the seeded noise on true service times. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { noiseFactor, resolveLatencyModelSettings, WorkloadArrivals } from '@autoslo/core';
import { simulate } from '../src/index.js';
import { configOf, workloadOf } from './helpers.js';

const DATA = resolve(import.meta.dirname, '../../../reference-data/autoslo/data');
const k4 = { slo_s: 30, slo_dict_filename: '1778469201294_p100_k4.yml' };

describe('reference service time S_ref', () => {
  const queries = (latency: number[] | null, model: Record<string, unknown> = {}, dataDir = DATA) =>
    new WorkloadArrivals(
      configOf({ slo_resolver_config: k4 }),
      workloadOf([0, 1], latency, ['001', '999']),
      resolveLatencyModelSettings(model),
      1,
      dataDir,
    );

  it("uses the workload row's isolated latency first", () => {
    expect(queries([3, 4]).arrival(0).refServiceS).toBe(3);
  });

  it('else the SLO table divided by its multiplier, else slo_s divided by it', () => {
    // Template 001: 12.814 s at kappa 4; template 999 is not in the table: 30 / 4.
    const q = queries(null);
    expect(q.arrival(0).refServiceS).toBeCloseTo(12.814 / 4, 12);
    expect(q.arrival(1).refServiceS).toBe(7.5);
    expect(q.arrival(0).sloS).toBe(12.814);
  });

  it('else a latency profile, and the configured default for unknown templates', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'autoslo-profile-'));
    try {
      await writeFile(join(dir, 'profile.yml'), "multiplier: 1\nslo_dict:\n  '001': 2.5\n");
      const q = new WorkloadArrivals(
        configOf({ slo_resolver_config: { slo_s: 30 } }),
        workloadOf([0, 1], null, ['001', '999']),
        resolveLatencyModelSettings({
          profile_filename: join(dir, 'profile.yml'),
          default_isolated_latency_s: 9,
        }),
        1,
        dir,
      );
      expect(q.arrival(0).refServiceS).toBe(2.5);
      expect(q.arrival(1).refServiceS).toBe(9);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('seeded noise on true service times', () => {
  it('has mean 1 and the configured coefficient of variation', () => {
    const n = 100_000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const f = noiseFactor(0.5, 7, i);
      sum += f;
      sq += f * f;
    }
    const mean = sum / n;
    const cv = Math.sqrt(sq / n - mean * mean) / mean;
    expect(Math.abs(mean - 1)).toBeLessThan(0.01);
    expect(Math.abs(cv - 0.5)).toBeLessThan(0.02);
    expect(noiseFactor(0, 7, 3)).toBe(1);
  });

  it('changes actual latencies and is reproducible per seed', async () => {
    const w = workloadOf([0, 1, 2, 3, 4, 5], [10, 10, 10, 10, 10, 10]);
    const withNoise = (seed: number) =>
      configOf({ latency_model_config: { reference_rpu: 16, noise_cv: 0.5, noise_seed: seed } });
    const plain = await simulate(configOf(), w, { dataDir: '.' });
    const a = await simulate(withNoise(1), w, { dataDir: '.' });
    const b = await simulate(withNoise(1), w, { dataDir: '.' });
    const c = await simulate(withNoise(2), w, { dataDir: '.' });
    expect(a.summary).toEqual(b.summary);
    expect(a.summary.total_rel_time_s).not.toBe(plain.summary.total_rel_time_s);
    expect(c.summary.total_rel_time_s).not.toBe(a.summary.total_rel_time_s);
  });
});
