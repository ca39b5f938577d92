/**
 * Long suite (every simulation's run directory is written, a structured log each): a tuning
 * run's files are byte-identical in another data directory, with no absolute path in them.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExecutionConfig, TunerConfig } from '@autoslo/config';
import { SloObjective } from '@autoslo/core';
import { inProcessEvaluator, runTuning } from '../src/index.js';
import { makeMiniDataDir } from './mini-data-dir.js';

describe('runTuning in two data directories', () => {
  let dataDir: string;
  let initial: ExecutionConfig;
  let tuner: TunerConfig;

  beforeAll(async () => {
    ({ dataDir, initial, tuner } = await makeMiniDataDir());
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  const objective = () => new SloObjective('binary', 0.1);

  it('writes byte-identical run files in another data directory (no absolute paths in them)', async () => {
    const other = await makeMiniDataDir();
    try {
      // Every simulation's run directory is written too, as the CLI's tune does.
      const a = await runTuning(
        { name: 'moved', initialConfig: initial, tunerConfig: tuner },
        {
          dataDir,
          evaluatorFor: (sets) =>
            inProcessEvaluator(sets, { dataDir, objective: objective(), writeRuns: true }),
        },
      );
      const b = await runTuning(
        { name: 'moved', initialConfig: other.initial, tunerConfig: other.tuner },
        {
          dataDir: other.dataDir,
          evaluatorFor: (sets) =>
            inProcessEvaluator(sets, {
              dataDir: other.dataDir,
              objective: objective(),
              writeRuns: true,
            }),
        },
      );
      const files = async (dir: string) =>
        (await readdir(dir, { recursive: true, withFileTypes: true }))
          .filter((e) => e.isFile())
          .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
          // Wall-clock seconds per phase: the one file that is expected to differ.
          .filter((f) => f !== 'timing_report.csv')
          .sort();
      const names = await files(a.runDir);
      expect(await files(b.runDir)).toEqual(names);
      expect(names.filter((f) => f.endsWith('execution_config.yml')).length).toBeGreaterThan(10);
      for (const f of names) {
        const [x, y] = await Promise.all([
          readFile(join(a.runDir, f)),
          readFile(join(b.runDir, f)),
        ]);
        expect([f, x.equals(y)]).toEqual([f, true]);
        expect([f, x.includes(dataDir)]).toEqual([f, false]);
      }
    } finally {
      await rm(other.dataDir, { recursive: true, force: true });
    }
  });
});
