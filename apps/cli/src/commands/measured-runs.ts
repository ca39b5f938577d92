/**
 * Measured runs named on the command line: `--history NAME` (an imported history,
 * `measurements/<NAME>.parquet` or a path; one run per workgroup when it has several) and
 * `--run ID` (a live run directory `runs/<ID>/`, or a path to one). Also the prior model
 * and SLOs that `calibrate` and `compare-live` share.
 */
import { existsSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import {
  type LatencyModel,
  type MeasuredRun,
  readLiveRunMeasurements,
  sliceMeasured,
} from '@autoslo/calibration';
import { DataDir, InputError, loadExecutionConfig, parseParamFlags } from '@autoslo/config';
import { readSloTableFile, resolveLatencyModelSettings, sloTableFileOf } from '@autoslo/core';
import { measuredLatenciesFile, readMeasuredLatencies } from '@autoslo/workload';
import type { CommandContext } from '../command.js';

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? [value] : [];
}

export async function loadMeasuredRuns(
  ctx: CommandContext,
  values: Record<string, unknown>,
): Promise<MeasuredRun[]> {
  const runs: MeasuredRun[] = [];
  for (const h of list(values.history)) {
    const file =
      existsSync(resolve(ctx.cwd, h)) && h.endsWith('.parquet')
        ? resolve(ctx.cwd, h)
        : measuredLatenciesFile(ctx.dataDir, h);
    if (!existsSync(file)) {
      throw new InputError({
        file,
        path: '--history',
        message: `no measured-latency table '${h}' (import one with 'autoslo workload import-history')`,
      });
    }
    const table = await readMeasuredLatencies(file);
    const name = basename(file, '.parquet');
    const workgroups = [...new Set(table.workgroup)].sort();
    if (workgroups.length <= 1) runs.push({ id: name, table });
    else
      for (const wg of workgroups)
        runs.push({
          id: `${name}/${wg}`,
          table: sliceMeasured(table, (i) => table.workgroup[i] === wg),
        });
  }
  for (const r of list(values.run)) {
    const local = resolve(ctx.cwd, r);
    const dir = existsSync(local) && r.includes('/') ? local : new DataDir(ctx.dataDir).run(r);
    if (!existsSync(dir))
      throw new InputError({ file: dir, path: '--run', message: `no live run directory '${r}'` });
    runs.push(await readLiveRunMeasurements(dir, basename(dir)));
  }
  if (runs.length === 0) throw new InputError({ message: 'name at least one --history or --run' });
  return runs;
}

/** A latency model as `simulate` would build it from `--model` (an execution config), else the defaults. */
export async function loadModel(
  ctx: CommandContext,
  ref: string | undefined,
  paramFlags: readonly string[],
): Promise<{ model: LatencyModel; sloTable: ReadonlyMap<string, number> | null; label: string }> {
  if (ref === undefined) {
    return {
      model: { settings: resolveLatencyModelSettings(null), profile: new Map() },
      sloTable: null,
      label: 'default',
    };
  }
  const loaded = await loadExecutionConfig(ref, {
    dataDir: ctx.dataDir,
    params: parseParamFlags(paramFlags),
  });
  const config = loaded.value;
  const settings = resolveLatencyModelSettings(config.latency_model_config);
  const tableFile = sloTableFileOf(config.slo_resolver_config ?? {}, ctx.dataDir);
  const table = tableFile === null ? null : readSloTableFile(tableFile);
  let profile: ReadonlyMap<string, number> = new Map();
  if (settings.profileFilename) {
    const name = settings.profileFilename;
    const inSlos = join(ctx.dataDir, 'slos', name);
    profile = readSloTableFile(
      isAbsolute(name) ? name : existsSync(inSlos) ? inSlos : join(ctx.dataDir, 'profiles', name),
    ).sloDict;
  } else if (table) {
    // As simulate does without a profile: the SLO table divided by its multiplier.
    const k = table.header.multiplier ?? 1;
    profile = new Map([...table.sloDict].map(([id, s]) => [id, s / k] as const));
  }
  return { model: { settings, profile }, sloTable: table?.sloDict ?? null, label: loaded.stem };
}

/** SLOs of `--slos NAME` (a table in `slos/`), or null. */
export function loadSlos(
  ctx: CommandContext,
  name: string | undefined,
): ReadonlyMap<string, number> | null {
  if (name === undefined) return null;
  const file = existsSync(resolve(ctx.cwd, name))
    ? resolve(ctx.cwd, name)
    : new DataDir(ctx.dataDir).sloFile(name.endsWith('.yml') ? name : `${name}.yml`);
  return readSloTableFile(file).sloDict;
}
