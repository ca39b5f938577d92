import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LATENCY_MODEL, templateIdOf } from '@autoslo/core';
import { importHistory, readHistoryFile } from '@autoslo/workload';
import {
  calibrate,
  generateHistory,
  type HiddenModel,
  historyCsv,
  type MeasuredRun,
  sliceMeasured,
} from '../src/index.js';

// The truth the calibration must find; nothing below passes these numbers to it.
const HIDDEN: HiddenModel = {
  referenceRpu: 16,
  rpuExponent: 0.62,
  parallelismPerRpu: 0.3,
  admissionLimit: 12,
  noiseCv: 0.35,
  isolatedS: [0.8, 1.5, 2.5, 4, 6, 9, 14, 20],
};

const TRAINING = [8, 16, 32, 64].flatMap((rpu) => [
  { workgroup: `wg${rpu}-low`, rpu, load: 0.35, queries: 700 },
  { workgroup: `wg${rpu}-high`, rpu, load: 0.85, queries: 700 },
]);
const HELD_OUT = { workgroup: 'wg24-mid', rpu: 24, load: 0.7, queries: 2500 };

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'autoslo-calibration-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('calibration on synthetic truth', () => {
  it('recovers the hidden model from SYS_QUERY_HISTORY rows and predicts a held-out run', async () => {
    const { rows } = generateHistory(HIDDEN, [...TRAINING, HELD_OUT], 7);
    const file = join(dir, 'history.csv');
    writeFileSync(file, historyCsv(rows));
    const imported = importHistory(await readHistoryFile(file), { name: 'synthetic' });
    expect(imported.stats.categories.ok).toBe(rows.length);
    expect(imported.templates).toHaveLength(HIDDEN.isolatedS.length);

    // The import numbers templates by frequency: recover each one's hidden index from its SQL.
    const hiddenOf = new Map<string, number>();
    for (const t of imported.templates) {
      hiddenOf.set(templateIdOf(t.queryTextId) as string, Number(/fact_(\d+)/.exec(t.sql)?.[1]));
    }
    const table = imported.measured;
    const runs: MeasuredRun[] = [
      {
        id: 'training',
        table: sliceMeasured(table, (i) => table.workgroup[i] !== HELD_OUT.workgroup),
      },
      {
        id: 'held-out',
        table: sliceMeasured(table, (i) => table.workgroup[i] === HELD_OUT.workgroup),
      },
    ];
    const slos = new Map(
      [...hiddenOf].map(([id, h]) => [id, 2 * (HIDDEN.isolatedS[h] as number)] as const),
    );
    const result = calibrate(runs, DEFAULT_LATENCY_MODEL, { holdout: ['held-out'], slos });
    const { fit } = result;

    expect(fit.rpuExponent.identified).toBe(true);
    expect(Math.abs((fit.rpuExponent.value as number) - HIDDEN.rpuExponent)).toBeLessThanOrEqual(
      0.05,
    );
    expect(fit.parallelismPerRpu.identified).toBe(true);
    expect(
      Math.abs((fit.parallelismPerRpu.value as number) / HIDDEN.parallelismPerRpu - 1),
    ).toBeLessThanOrEqual(0.1);
    expect(fit.noiseCv.identified).toBe(true);
    expect(Math.abs((fit.noiseCv.value as number) - HIDDEN.noiseCv)).toBeLessThanOrEqual(0.1);
    expect(fit.admissionLimit.identified).toBe(true);
    expect(fit.admissionLimit.value).toBe(HIDDEN.admissionLimit);
    const errors = fit.templates
      .map((t) => {
        const hidden = HIDDEN.isolatedS[
          hiddenOf.get(templateIdOf(t.queryTextId) as string) as number
        ] as number;
        return Math.abs(t.isolatedLatencyS / hidden - 1);
      })
      .sort((a, b) => a - b);
    expect(errors[Math.floor(errors.length / 2)]).toBeLessThanOrEqual(0.05);

    const [held] = result.heldOut.calibrated;
    const vr = held?.violationRate as { measured: number; predicted: number };
    expect(vr.measured).toBeGreaterThan(0.02);
    expect(Math.abs(vr.predicted - vr.measured)).toBeLessThanOrEqual(0.02);
    const cost = held?.cost as { measured: number; predicted: number };
    expect(Math.abs(cost.predicted / cost.measured - 1)).toBeLessThanOrEqual(0.02);
    // The uncalibrated defaults are measurably worse on the same run.
    const [prior] = result.heldOut.prior;
    expect(held?.medianApe).toBeLessThan((prior?.medianApe as number) * 0.8);
  });
});
