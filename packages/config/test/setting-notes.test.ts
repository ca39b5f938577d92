import { settingNotes } from '../src/index.js';

const EXEC = `provisioner_config:
  aws_config_path: data/config/aws.yml
managed_cluster_pool_config:
  maxconns: 1000
  initial_rpus: [16]
query_router_config:
  routing_policy_name: cache_aware
  cache_risk_cost_multiplier: 0.5
autoscaler_config:
  autoscaling_policy: add_single_best
`;

test('keys without effect, cache_aware and renamed policies are noted at their lines', () => {
  const notes = settingNotes(EXEC, 'x.yml', 'execution-config');
  expect(notes.map((n) => [n.line, n.column, n.path])).toEqual([
    [2, 3, 'provisioner_config.aws_config_path'],
    [7, 3, 'query_router_config.routing_policy_name'],
    [10, 3, 'autoscaler_config.autoscaling_policy'],
  ]);
  expect(notes[0]?.message).toBe(
    'and managed_cluster_pool_config.maxconns, query_router_config.cache_risk_cost_multiplier have no effect here, accepted for compatibility with the reference (why: docs/configuration.md, "Keys without effect")',
  );
  expect(notes[1]?.message).toContain('`cache_aware` routes as `use_iconq_model`');
  expect(notes[2]?.message).toMatch(
    /^add_single_best is renamed add_single_best_forward: the reference's older policy .* tumbling window/,
  );
});

test('a tuner config: forecaster keys that are never read', () => {
  const notes = settingNotes(
    'sampling_config:\n  forecaster_config:\n    forecast_policy_name: one_day\n    fixed_queries_per_hour: 50\n',
    't.yml',
    'tuner-config',
  );
  expect(notes.map((n) => [n.line, n.path, n.message.slice(0, 25)])).toEqual([
    [4, 'sampling_config.forecaster_config.fixed_queries_per_hour', 'has no effect here, accep'],
  ]);
});

test('a config without such settings, or that does not parse, has no notes', () => {
  expect(
    settingNotes(
      'query_router_config: { routing_policy_name: round_robin }\n',
      'x',
      'execution-config',
    ),
  ).toEqual([]);
  expect(settingNotes('a: [\n', 'x', 'execution-config')).toEqual([]);
});
