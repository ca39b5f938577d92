/**
 * A calibration's (predicted, measured) pairs from a CSV with the header
 * `label,predicted_s,measured_s` (other columns are ignored), for `autoslo report --calibration`.
 */
import { readFile } from 'node:fs/promises';
import { InputError } from '@autoslo/config';
import type { CalibrationPoint } from './calibration-section.js';

const REQUIRED = ['label', 'predicted_s', 'measured_s'] as const;

export async function readCalibrationCsv(file: string): Promise<CalibrationPoint[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError({ file, message: `cannot read: ${(error as Error).message}` });
  }
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  const at = REQUIRED.map((name) => header.indexOf(name));
  const absent = REQUIRED.filter((_, i) => at[i] === -1);
  if (absent.length > 0) {
    throw new InputError({
      file,
      line: 1,
      message: `missing column(s) ${absent.join(', ')} (header: ${REQUIRED.join(',')})`,
    });
  }
  const points: CalibrationPoint[] = [];
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const cells = line.split(',');
    const [label, predicted, measured] = at.map((c) => (cells[c] ?? '').trim());
    const predictedS = Number(predicted);
    const measuredS = Number(measured);
    for (const [name, value, raw] of [
      ['predicted_s', predictedS, predicted],
      ['measured_s', measuredS, measured],
    ] as const) {
      if (raw === '' || !Number.isFinite(value) || value < 0) {
        throw new InputError({
          file,
          line: i + 2,
          path: name,
          message: `must be a number >= 0, got '${raw ?? ''}'`,
        });
      }
    }
    points.push({ label: label ?? '', predictedS, measuredS });
  });
  return points;
}
