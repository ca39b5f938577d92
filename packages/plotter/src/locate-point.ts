/**
 * Where a plotted point's run lives, found exactly as `execute` names it: simulator runs in
 * `simulator_runs/<workload id>/<config id>/` (complete once `execution_config.yml` exists),
 * live runs as the newest run of the pair in the live-run index.
 */
import { join } from 'node:path';
import {
  configStem,
  type DataDir,
  execConfigRefOf,
  makeRunId,
  type PlotPoint,
  pathExists,
  resolveConfigRef,
  workloadId,
} from '@autoslo/config';
import { type LiveRunEntry, newestLiveRun } from './live-run-index.js';

export interface PointRun {
  readonly workloadId: string;
  readonly configId: string;
  /** The exec config reference the point uses in this mode. */
  readonly configRef: string;
}

export type PointLocation =
  | (PointRun & { readonly found: true; readonly runDir: string; readonly runId: string | null })
  | (PointRun & { readonly found: false; readonly reason: string });

/** The workload id and execution-config id a point's run is filed under. */
export function pointRun(point: PlotPoint, live: boolean, dataDir: DataDir): PointRun {
  const configRef = execConfigRefOf(point, live);
  const configId = makeRunId([configStem(resolveConfigRef(configRef, dataDir))], point.params);
  return { workloadId: workloadId(point.workload_config), configId, configRef };
}

export async function locatePoint(
  point: PlotPoint,
  options: {
    live: boolean;
    dataDir: DataDir;
    liveRuns: readonly LiveRunEntry[];
    minRunId: string | number | null;
  },
): Promise<PointLocation> {
  const run = pointRun(point, options.live, options.dataDir);
  if (!options.live) {
    const runDir = options.dataDir.simulatorRun(run.workloadId, run.configId);
    if (await pathExists(join(runDir, 'execution_config.yml'))) {
      return { ...run, found: true, runDir, runId: null };
    }
    return { ...run, found: false, reason: `no complete simulator run at ${runDir}` };
  }
  const entry = newestLiveRun(options.liveRuns, run.configId, run.workloadId, options.minRunId);
  if (!entry) {
    const since = options.minRunId === null ? '' : ` at or after run ${options.minRunId}`;
    return { ...run, found: false, reason: `no live run recorded${since}` };
  }
  const runDir = options.dataDir.run(entry.runId);
  if (!(await pathExists(join(runDir, 'structured_log.parquet')))) {
    return {
      ...run,
      found: false,
      reason: `live run ${entry.runId} has no structured_log.parquet`,
    };
  }
  return { ...run, found: true, runDir, runId: entry.runId };
}
