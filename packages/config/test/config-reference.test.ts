import { readFileSync } from 'node:fs';
import { ExecutionConfigSchema, fieldRows, renderConfigReference } from '../src/index.js';

test('docs/config.md is the reference rendered from the current schemas', () => {
  const committed = readFileSync(new URL('../../../docs/config.md', import.meta.url), 'utf8');
  // On failure run: pnpm --filter @autoslo/config run write-docs
  expect(committed).toBe(renderConfigReference());
});

test('rows carry nested paths, types with constraints and defaults', () => {
  const rows = fieldRows(ExecutionConfigSchema);
  const row = (key: string) => rows.find((r) => r.key === key);
  expect(row('workload_config.workload_name')).toEqual({
    key: 'workload_config.workload_name',
    type: 'string (length >= 1)',
    default: 'required',
  });
  expect(row('workload_runner_config.max_threads')).toEqual({
    key: 'workload_runner_config.max_threads',
    type: 'number (integer, >= 1)',
    default: '512',
  });
  expect(row('scheduled_spinups[].rpu')?.default).toBe('required');
  expect(row('query_router_config.forecaster_config')?.default).toBe('null');
  expect(row('autoscaler_config')?.default).toBe('all defaults');
  expect(row('slo_objective_config.slo_metric')?.type).toBe(
    'one of "binary", "absolute_s", "relative", "relative_unconstrained"',
  );
});
