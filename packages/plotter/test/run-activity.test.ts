import { cdfPoints } from '../src/charts/latency-cdf-chart.js';
import { clusterSizeNote } from '../src/plot-manifest.js';
import { type RunEvent, runActivity } from '../src/run-activity.js';

const ev = (
  relTimeS: number,
  eventType: string,
  extra: Partial<Omit<RunEvent, 'relTimeS' | 'eventType'>> = {},
): RunEvent => ({ relTimeS, eventType, queryId: null, clusterName: null, details: null, ...extra });

const events: RunEvent[] = [
  ev(0, 'run_start'),
  ev(0, 'cluster_ready', { clusterName: 'c0', details: { rpu: 16 } }),
  ev(0, 'arrival', { queryId: 1 }),
  ev(4, 'completion', { queryId: 1, details: { success: true } }),
  ev(20, 'spin_up_decision', { details: { rpu: 32 } }),
  ev(25, 'spin_up_decision', { details: { rpu: 32 } }),
  ev(30, 'arrival', { queryId: 2 }),
  ev(80, 'cluster_ready', { clusterName: 'c1', details: { rpu: 32 } }),
  ev(90, 'cluster_ready', { clusterName: 'c2', details: { rpu: 32 } }),
  ev(95, 'completion', { queryId: 2 }),
  ev(120, 'tear_down_started', { clusterName: 'c1' }),
  ev(130, 'cluster_removed', { clusterName: 'c1' }),
  ev(140, 'arrival', { queryId: 3 }),
  ev(200, 'run_finish'),
];

test('spin-ups pair each ready with the latest unused decision of its size at or before it', () => {
  const a = runActivity(events);
  expect(a.spinups).toEqual([
    { clusterName: 'c0', rpu: 16, decisionS: null, readyS: 0 },
    { clusterName: 'c1', rpu: 32, decisionS: 25, readyS: 80 },
    { clusterName: 'c2', rpu: 32, decisionS: 20, readyS: 90 },
  ]);
});

test('latencies of completed queries only, ascending; last arrival and completion; duration', () => {
  const a = runActivity(events);
  expect(Array.from(a.latenciesS)).toEqual([4, 65]);
  expect(a.lastArrivalS).toBe(140);
  expect(a.lastCompletionS).toBe(95);
  expect(a.durationS).toBe(200);
});

test('active clusters step up at ready and down at the first tear-down event', () => {
  expect(runActivity(events).clusterSteps).toEqual([
    { t: 0, clusters: 1, rpu: 16 },
    { t: 80, clusters: 2, rpu: 48 },
    { t: 90, clusters: 3, rpu: 80 },
    { t: 120, clusters: 2, rpu: 48 },
  ]);
});

test('CDF points: fraction at or under each latency, ending at 1', () => {
  expect(cdfPoints(Float64Array.from([1, 2, 4, 8]))).toEqual([
    { x: 1, y: 0.25 },
    { x: 2, y: 0.5 },
    { x: 4, y: 0.75 },
    { x: 8, y: 1 },
  ]);
  const many = cdfPoints(Float64Array.from({ length: 1000 }, (_, i) => i));
  expect(many.length).toBeLessThanOrEqual(401);
  expect(many[many.length - 1]).toEqual({ x: 999, y: 1 });
});

test('cluster-size annotation: the RPU of cluster number 1, from the name counter', () => {
  const ready = (t: number, name: string, rpu: number): RunEvent =>
    ev(t, 'cluster_ready', { clusterName: name, details: { rpu } });
  expect(
    clusterSizeNote(
      runActivity([
        ready(0, 'autoslo-8-x-000', 8),
        ready(5, 'autoslo-32-x-002', 32),
        ready(9, 'autoslo-16-x-001', 16),
      ]),
    ),
  ).toBe('16');
  expect(clusterSizeNote(runActivity([ready(0, 'a', 8), ready(5, 'b', 64)]))).toBe('64');
  expect(clusterSizeNote(runActivity([ready(0, 'autoslo-8-x-000', 8)]))).toBeNull();
});
