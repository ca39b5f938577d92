/**
 * Writes a calibration: `profiles/<name>.yml` (isolated latency per template at the reference
 * RPU, in the SLO-table layout simulate already reads) and `calibration/<name>/` with
 * `latency_model_config.yml` (the section to put in an execution config), `report.json`,
 * `report.txt` and `predicted_vs_measured.csv` (the directory is built aside and renamed).
 * With a base config, also `execution_configs/calibrated/<name>.yml`: that config with the
 * calibrated section, runnable as `exec:calibrated/<name>`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataDir, writeDirAtomic, writeFileAtomic } from '@autoslo/config';
import { templateIdOf } from '@autoslo/core';
import { type LatencyProfile, latencyProfileYaml } from '@autoslo/workload';
import { parseDocument, stringify } from 'yaml';
import type { Calibration } from './calibrate.js';
import {
  type CalibrationReport,
  calibrationReport,
  calibrationReportText,
} from './calibration-report.js';

export interface SavedCalibration {
  readonly profileFile: string;
  readonly dir: string;
  readonly configBlockFile: string;
  readonly reportFile: string;
  readonly pointsFile: string;
  readonly executionConfigFile: string | null;
  readonly report: CalibrationReport;
}

/** Measured and predicted latency of every held-out query, for a plot. */
export function predictionPointsCsv(c: Calibration): string {
  const lines = ['run,model,measured_s,predicted_s'];
  const add = (label: string, list: Calibration['heldOut']['calibrated']) => {
    for (const cmp of list) {
      for (let k = 0; k < cmp.points.measuredS.length; k++) {
        lines.push(
          `${JSON.stringify(cmp.runId)},${label},${cmp.points.measuredS[k]},${cmp.points.predictedS[k]}`,
        );
      }
    }
  };
  add('calibrated', c.heldOut.calibrated);
  add('default', c.heldOut.prior);
  return `${lines.join('\n')}\n`;
}

export function profileOf(name: string, c: Calibration): LatencyProfile {
  const slo_dict: Record<string, number> = {};
  for (const t of c.fit.templates) {
    const id = templateIdOf(t.queryTextId);
    if (id !== null) slo_dict[id] = Math.max(0.001, Math.round(t.isolatedLatencyS * 1000) / 1000);
  }
  return {
    run_id: `calibrated:${name}`,
    agg_method: 'mean',
    multiplier: 1,
    num_templates: Object.keys(slo_dict).length,
    slo_dict,
  };
}

export async function saveCalibration(
  c: Calibration,
  options: {
    dataDir: string;
    name: string;
    baseConfigFile?: string;
    extraFiles?: Record<string, Uint8Array | string>;
  },
): Promise<SavedCalibration> {
  const dataDir = new DataDir(options.dataDir);
  const profileFile = join(dataDir.profilesDir, `${options.name}.yml`);
  const dir = join(options.dataDir, 'calibration', options.name);
  const report = calibrationReport(c);
  const block = stringify({ latency_model_config: c.config });
  let executionConfigFile: string | null = null;
  let configText: string | null = null;
  if (options.baseConfigFile) {
    const doc = parseDocument(await readFile(options.baseConfigFile, 'utf8'));
    doc.set('latency_model_config', doc.createNode(c.config));
    configText = doc.toString();
    executionConfigFile = dataDir.executionConfig(join('calibrated', options.name));
  }
  await writeFileAtomic(profileFile, latencyProfileYaml(profileOf(options.name, c)));
  await writeDirAtomic(dir, async (tmp) => {
    await writeFile(join(tmp, 'latency_model_config.yml'), block);
    await writeFile(join(tmp, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(join(tmp, 'report.txt'), calibrationReportText(report));
    await writeFile(join(tmp, 'predicted_vs_measured.csv'), predictionPointsCsv(c));
    for (const [file, data] of Object.entries(options.extraFiles ?? {}))
      await writeFile(join(tmp, file), data);
  });
  if (executionConfigFile && configText !== null)
    await writeFileAtomic(executionConfigFile, configText);
  return {
    profileFile,
    dir,
    configBlockFile: join(dir, 'latency_model_config.yml'),
    reportFile: join(dir, 'report.json'),
    pointsFile: join(dir, 'predicted_vs_measured.csv'),
    executionConfigFile,
    report,
  };
}
