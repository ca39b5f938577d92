import { join } from 'node:path';
import {
  configStem,
  DataDir,
  InputError,
  inferConfigKind,
  makeRunId,
  PyFloat,
  parseConfigKind,
  parseWorkloadId,
  resolveConfigRef,
  workloadId,
} from '../src/index.js';

test('run ids: stems in order, then KEY=value with keys sorted', () => {
  expect(
    makeRunId(['trigger_eval_v8'], {
      OBSERVATION_WINDOW_S: new PyFloat(300),
      KAPPA: 4,
      INITIAL_RPU: 8,
      AUTOSCALING_TRIGGER_POLICY: 'queue_depth',
    }),
  ).toBe(
    'trigger_eval_v8__AUTOSCALING_TRIGGER_POLICY=queue_depth__INITIAL_RPU=8__KAPPA=4__OBSERVATION_WINDOW_S=300.0',
  );
  expect(
    makeRunId(['main_eval_round_robin_v8'], { TARGET_DATE: '2024-05-27', INITIAL_RPU: [32, 32] }),
  ).toBe('main_eval_round_robin_v8__INITIAL_RPU=[32, 32]__TARGET_DATE=2024-05-27');
  expect(makeRunId(['may27_1month_k4_thresh10_nocache_v8'])).toBe(
    'may27_1month_k4_thresh10_nocache_v8',
  );
  expect(makeRunId(['base_iconq', 'sampled'], { B: 1, A: 2 })).toBe(
    'base_iconq__sampled__A=2__B=1',
  );
});

test('CLI string params and manifest float params give the same run id', () => {
  expect(makeRunId(['x'], { W: '300.0' })).toBe(makeRunId(['x'], { W: new PyFloat(300) }));
});

test('workload ids and their inverse', () => {
  const id = workloadId({
    workload_name: 'redbench_provisioned_157_0',
    target_date: '2024-05-27',
    rescale_factor: 0.16666667,
  });
  expect(id).toBe('redbench_provisioned_157_0__2024-05-27__rf0.167');
  expect(parseWorkloadId(id)).toEqual({
    workload_name: 'redbench_provisioned_157_0',
    target_date: '2024-05-27',
    rescale_factor: 0.167,
  });
  expect(
    workloadId({
      workload_name: 'poisson_99_1_3_0.2_42',
      target_date: '2026-01-01',
      rescale_factor: 1,
    }),
  ).toBe('poisson_99_1_3_0.2_42__2026-01-01__rf1.000');
  expect(workloadId({ workload_name: 'n', target_date: null })).toBe('n__target__rf1.000');
  expect(parseWorkloadId('a__b__target__rf2.500')).toEqual({
    workload_name: 'a__b',
    target_date: null,
    rescale_factor: 2.5,
  });
});

test('malformed workload ids are an InputError', () => {
  for (const bad of [
    'name',
    'name__2024-05-27',
    'n__2024-05-27__0.167',
    '__target__rf1.000',
    'n__may__rf1.000',
  ]) {
    expect(() => parseWorkloadId(bad)).toThrow(InputError);
  }
});

test('exec: and tuner: references resolve under the data dir; .yml optional; scheme case-insensitive', () => {
  const d = new DataDir('/d');
  expect(resolveConfigRef('exec:handmade/main_eval_base_v8', d)).toBe(
    '/d/execution_configs/handmade/main_eval_base_v8.yml',
  );
  expect(resolveConfigRef('EXEC:tuned/x.yml', '/d')).toBe('/d/execution_configs/tuned/x.yml');
  expect(resolveConfigRef('tuner:forecasted_v8', d)).toBe('/d/tuner_configs/forecasted_v8.yml');
  expect(resolveConfigRef('some/file.yml', d, '/cwd')).toBe('/cwd/some/file.yml');
  expect(resolveConfigRef('/abs/file.yml', d, '/cwd')).toBe('/abs/file.yml');
  expect(() => resolveConfigRef('eval:x', d)).toThrow(InputError);
  expect(() => resolveConfigRef('exec:', d)).toThrow(InputError);
});

test('config stems drop directories and .yml', () => {
  expect(configStem('/d/execution_configs/handmade/main_eval_base_v8.yml')).toBe(
    'main_eval_base_v8',
  );
  expect(configStem('x.yaml')).toBe('x');
});

test('the data-dir layout', () => {
  const d = new DataDir('/d');
  expect(d.executionConfig('handmade/a')).toBe('/d/execution_configs/handmade/a.yml');
  expect(d.tunedConfig('run')).toBe('/d/execution_configs/tuned/run.yml');
  expect(d.tunerConfig('t.yml')).toBe('/d/tuner_configs/t.yml');
  expect(d.manifest('plotting', 'main')).toBe('/d/manifests/plotting/main.yml');
  expect(d.workload('w')).toBe('/d/workloads/w.parquet');
  expect(d.sloFile('s.yml')).toBe('/d/slos/s.yml');
  expect(d.simulatorRun('w__target__rf1.000', 'c__K=1')).toBe(
    '/d/simulator_runs/w__target__rf1.000/c__K=1',
  );
  expect(d.tunerRun('r')).toBe('/d/tuner_runs/r');
  expect(d.run('123')).toBe('/d/runs/123');
  expect(d.runIndex).toBe('/d/runs/map.yml');
  expect(d.plot('p')).toBe('/d/plots/p.png');
  expect(d.queryText('tpcds', 'tpcds#042#001')).toBe('/d/query_texts/tpcds/tpcds#042#001.sql');
  expect([
    d.workloadsDir,
    d.slosDir,
    d.runsDir,
    d.plotsDir,
    d.queryTextsDir,
    d.profilesDir,
  ]).toEqual(
    ['workloads', 'slos', 'runs', 'plots', 'query_texts', 'profiles'].map((x) => join('/d', x)),
  );
});

test('the kind of a file follows from its place in a data dir', () => {
  expect(inferConfigKind('/x/data/execution_configs/handmade/a.yml')).toBe('execution-config');
  expect(inferConfigKind('data/tuner_configs/t.yml')).toBe('tuner-config');
  expect(inferConfigKind('data/manifests/tuning/m.yml')).toBe('tuning-manifest');
  expect(inferConfigKind('data/manifests/execution/m.yml')).toBe('execution-manifest');
  expect(inferConfigKind('data/manifests/plotting/m.yml')).toBe('plotting-manifest');
  expect(inferConfigKind('data/slos/s.yml')).toBe('slo-table');
  expect(inferConfigKind('/tmp/x.yml')).toBeUndefined();
  expect(parseConfigKind('execution_config')).toBe('execution-config');
  expect(parseConfigKind('tuner')).toBe('tuner-config');
  expect(parseConfigKind('bogus')).toBeUndefined();
});
