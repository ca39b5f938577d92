/** A run directory's structured log, read into the activity the run charts draw. */
import { join } from 'node:path';
import { readStructuredLog } from '@autoslo/core';
import { type RunActivity, type RunEvent, runActivity } from './run-activity.js';

/** Only these events matter to the charts; the rest of a (large) log is skipped. */
const WANTED = new Set([
  'run_start',
  'run_finish',
  'spin_up_decision',
  'cluster_ready',
  'cluster_removed',
  'tear_down_started',
  'arrival',
  'sim_query_arrival',
  'completion',
  'sim_query_completion',
]);

export async function readRunActivity(runDir: string): Promise<RunActivity> {
  const log = await readStructuredLog(join(runDir, 'structured_log.parquet'));
  const events: RunEvent[] = [];
  for (let i = 0; i < log.length; i++) {
    const eventType = log.eventType(i);
    if (!WANTED.has(eventType)) continue;
    events.push({
      relTimeS: log.relTimeS(i),
      eventType,
      queryId: log.queryId(i),
      clusterName: log.clusterName(i),
      details: log.details(i),
    });
  }
  return runActivity(events);
}
