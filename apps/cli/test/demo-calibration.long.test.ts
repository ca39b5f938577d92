/**
 * Long suite. The static side of the demo's calibration (docs/demo-calibration.md), on the demo's own
 * workload and configs: the small static pools miss the 0.10 threshold on 2024-05-27 and
 * Single 32 is the cheapest one that meets it. The tuned side (AutoSLO below Single 32) takes a
 * full tuning run and is asserted by `pnpm --filter @autoslo/tuner bench`.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadExecutionConfig } from '@autoslo/config';
import { simulate } from '@autoslo/simulator';
import { type LoadedWorkload, loadWorkload, writeWorkloadParquet } from '@autoslo/workload';
import { DEMO_WORKLOAD, generateDemoWorkload } from '../src/demo/demo-workload.js';

const BUNDLED_DATA = join(import.meta.dirname, '../../../data');

describe('the demo calibration on 2024-05-27 (kappa = 4)', () => {
  let dataDir: string;
  let day: LoadedWorkload;

  const runStatic = async (rpus: number[]) => {
    const { value } = await loadExecutionConfig('exec:handmade/demo_static', {
      dataDir,
      params: { TARGET_DATE: '2024-05-27', KAPPA: 4, INITIAL_RPU: rpus },
    });
    return (await simulate(value, day, { dataDir })).summary;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'autoslo-demo-calibration-'));
    for (const sub of ['execution_configs/handmade', 'slos']) {
      await cp(join(BUNDLED_DATA, sub), join(dataDir, sub), { recursive: true });
    }
    await writeWorkloadParquet(
      join(dataDir, 'workloads', `${DEMO_WORKLOAD}.parquet`),
      generateDemoWorkload(),
    );
    const { value } = await loadExecutionConfig('exec:handmade/demo_static', {
      dataDir,
      params: { TARGET_DATE: '2024-05-27', KAPPA: 4, INITIAL_RPU: [16] },
    });
    day = await loadWorkload(value.workload_config, { dataDir });
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('has the small static pools miss the 0.10 threshold and Single 32 meet it', async () => {
    expect(day.trace.length).toBe(5287);
    const single16 = await runStatic([16]);
    const single24 = await runStatic([24]);
    const rr16 = await runStatic([16, 16]);
    const single32 = await runStatic([32]);
    // Measured: 0.8746, 0.4341, 0.4598 (falling behind at the daytime peak), and 0 for Single 32.
    expect(single16.violation_rate).toBeGreaterThan(0.5);
    expect(single24.violation_rate).toBeGreaterThan(0.3);
    expect(rr16.violation_rate).toBeGreaterThan(0.3);
    expect(single32.violation_rate).toBeLessThanOrEqual(0.1);
    // Single 32's cost is what AutoSLO has to beat: $45.67 measured.
    expect(single32.total_cost).toBeCloseTo(45.67, 2);
  });
});
