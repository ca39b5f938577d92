/**
 * Parsed configs are written back by the simulator (execution_config.yml of a run) and the
 * tuner (tuned configs), then loaded again: the parsed value must load to itself.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v from 'valibot';
import { stringify } from 'yaml';
import {
  applyOverrides,
  ExecutionConfigSchema,
  loadExecutionConfig,
  loadTunerConfig,
  TunerConfigSchema,
} from '../src/index.js';
import { REFERENCE_DATA } from './support/broken-fixtures.js';

const opts = { dataDir: REFERENCE_DATA };

test('a parsed execution config parses to itself and survives a YAML round trip', async () => {
  const loaded = await loadExecutionConfig('exec:handmade/autoscaler_eval_v8', {
    ...opts,
    params: { KAPPA: 4, INITIAL_RPU: 8, AUTOSCALING_POLICY: 'noop', OBSERVATION_WINDOW_S: 300 },
  });
  expect(v.parse(ExecutionConfigSchema, loaded.value)).toEqual(loaded.value);
  const dir = await mkdtemp(join(tmpdir(), 'autoslo-config-'));
  const file = join(dir, 'execution_config.yml');
  await writeFile(file, stringify(loaded.value));
  expect((await loadExecutionConfig(file, opts)).value).toEqual(loaded.value);
});

test('a parsed tuner config parses to itself', async () => {
  const loaded = await loadTunerConfig('tuner:forecasted_v8', {
    ...opts,
    params: { LAST_DAY_DATE_INCLUSIVE: '2024-05-26', NUM_DAYS: 30, SLO_THRESHOLD: 0.1 },
  });
  expect(v.parse(TunerConfigSchema, loaded.value)).toEqual(loaded.value);
});

test('sweep overrides on a parsed config, then a re-parse, fill the nested defaults', async () => {
  const { value } = await loadExecutionConfig('exec:handmade/trigger_eval_v8', {
    ...opts,
    params: {
      KAPPA: 4,
      INITIAL_RPU: 8,
      AUTOSCALING_TRIGGER_POLICY: 'queue_depth',
      OBSERVATION_WINDOW_S: 300,
    },
  });
  expect(value.autoscaler_config.trigger_slo_objective_config).toBeNull();
  const swept = v.parse(
    ExecutionConfigSchema,
    applyOverrides(value, { 'autoscaler_config.trigger_slo_objective_config.slo_threshold': 0.1 }),
  );
  expect(swept.autoscaler_config.trigger_slo_objective_config).toEqual({
    slo_metric: 'binary',
    slo_threshold: 0.1,
  });
});
