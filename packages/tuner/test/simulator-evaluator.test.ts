import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SloObjective } from '@autoslo/core';
import { inProcessEvaluator, prepareScenarios, simulatorEvaluator } from '../src/index.js';
import { type MiniDataDir, makeMiniDataDir } from './mini-data-dir.js';

describe('simulatorEvaluator (evaluateBatch on worker threads)', () => {
  let mini: MiniDataDir;
  beforeAll(async () => {
    mini = await makeMiniDataDir();
  });
  afterAll(async () => {
    await rm(mini.dataDir, { recursive: true, force: true });
  });

  it('agrees with simulating in this thread, summaries and per-query timelines alike', async () => {
    const { dataDir, initial, tuner } = mini;
    const sets = await prepareScenarios(initial, tuner, {
      dataDir,
      phaseDir: join(dataDir, 'scenarios'),
    });
    const objective = new SloObjective('binary', 0.1);
    const withSpinup = { ...initial, scheduled_spinups: [{ rel_time_s: 3000, rpu: 32 }] };
    const request = {
      set: 'train' as const,
      configs: [initial, withSpinup],
      labels: ['plain', 'spun_up'],
      outDir: join(dataDir, 'eval'),
      needTimelines: true,
    };
    const workers = await simulatorEvaluator(sets, {
      dataDir,
      objective,
      threads: 2,
      minTasksForWorkers: 1,
    }).evaluate(request);
    const local = await inProcessEvaluator(sets, { dataDir, objective }).evaluate(request);
    expect(workers.map((row) => row.map((r) => r.summary))).toEqual(
      local.map((row) => row.map((r) => r.summary)),
    );
    expect(workers[1]?.[0]?.dir).toBe(
      join(dataDir, 'eval', sets.train[0]?.workload.id ?? '', 'spun_up'),
    );
    for (let c = 0; c < 2; c++) {
      for (let s = 0; s < sets.train.length; s++) {
        const a = await workers[c]?.[s]?.timeline();
        const b = await local[c]?.[s]?.timeline();
        expect(a?.arrivalS.length).toBe(b?.arrivalS.length);
        expect(a?.arrivalS.length).toBe(sets.train[s]?.workload.trace.length);
        const sum = (x: Float64Array | undefined) =>
          (x ?? new Float64Array()).reduce((t, v) => t + v, 0);
        // The log rounds latencies to milliseconds; completions are exact.
        expect(sum(a?.completionS)).toBeCloseTo(sum(b?.completionS), 6);
        expect(sum(a?.violation)).toBe(sum(b?.violation));
      }
    }
  });

  it('keeps no run directories when timelines are not asked for', async () => {
    const { dataDir, initial, tuner } = mini;
    const sets = await prepareScenarios(initial, tuner, {
      dataDir,
      phaseDir: join(dataDir, 'scenarios2'),
    });
    const evaluator = simulatorEvaluator(sets, {
      dataDir,
      objective: new SloObjective('binary', 0.1),
      threads: 0,
    });
    const [row] = await evaluator.evaluate({
      set: 'val',
      configs: [initial],
      labels: ['x'],
      outDir: join(dataDir, 'none'),
    });
    expect(row?.[0]?.dir).toBeNull();
    await expect(row?.[0]?.timeline()).rejects.toThrow(/needTimelines/);
  });
});
