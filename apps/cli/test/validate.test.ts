import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './run-cli.js';

const REFERENCE = fileURLToPath(new URL('../../../reference-data/autoslo/data/', import.meta.url));
const BROKEN = fileURLToPath(
  new URL('../../../packages/config/test/fixtures/broken/', import.meta.url),
);
const ref = (p: string) => join(REFERENCE, p);

test('the reference manifests, SLO tables and tuned config are valid (exit 0)', async () => {
  const files = [
    ...readdirSync(ref('manifests/execution')).map((f) => ref(`manifests/execution/${f}`)),
    ...readdirSync(ref('manifests/tuning')).map((f) => ref(`manifests/tuning/${f}`)),
    ...readdirSync(ref('manifests/plotting')).map((f) => ref(`manifests/plotting/${f}`)),
    ...readdirSync(ref('slos')).map((f) => ref(`slos/${f}`)),
    ref('execution_configs/tuned_submission/may27_1month_k4_thresh10_nocache_v8.yml'),
  ];
  const r = await runCli(['validate', '--data-dir', REFERENCE, ...files]);
  expect(r.code).toBe(0);
  expect(r.stdout.match(/^valid: /gm)).toHaveLength(files.length);
  expect(r.stderr).not.toContain('error:');
});

test('--param fills placeholders of a config named by reference', async () => {
  const args = ['validate', '--data-dir', REFERENCE, 'exec:handmade/main_eval_round_robin_v8'];
  const ok = await runCli([
    ...args,
    '--param',
    'TARGET_DATE=2024-05-27',
    '--param',
    'INITIAL_RPU=[32, 32]',
  ]);
  expect(ok.code).toBe(0);
  expect(ok.stdout).toContain('(execution-config, 1 file checked');
  const missing = await runCli(args);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain(
    'main_eval_round_robin_v8.yml:3:17: unresolved placeholder <TARGET_DATE>',
  );
  expect(missing.stderr).toContain(
    'main_eval_round_robin_v8.yml:26:17: unresolved placeholder <INITIAL_RPU>',
  );
});

test('--json prints one report with located issues', async () => {
  const r = await runCli([
    'validate',
    '--json',
    '--data-dir',
    REFERENCE,
    join(BROKEN, 'many-errors-at-once.yml'),
    '--kind',
    'execution-config',
  ]);
  expect(r.code).toBe(2);
  const report = JSON.parse(r.stdout) as {
    valid: boolean;
    kind: string;
    issues: { line: number; path: string }[];
  };
  expect(report.valid).toBe(false);
  expect(report.kind).toBe('execution-config');
  expect(report.issues.map((i) => [i.line, i.path])).toEqual([
    [6, 'workload_config.rescale_factor'],
    [11, 'slo_objective_config.slo_metric'],
    [14, 'provisioner_config.aws_config_path'],
    [24, 'autoscaler_config.autoscaling_plicy'],
  ]);
  expect(r.stderr).toBe('');
});

/** Header of a corpus file: `# kind:`, `# params:`, and how many issues it expects. */
function corpusEntry(name: string) {
  const text = readFileSync(join(BROKEN, name), 'utf8');
  const kind = /^# kind: (\S+)/m.exec(text)?.[1] ?? '';
  const params = (/^# params: (.*)$/m.exec(text)?.[1] ?? '').split(/\s+/).filter(Boolean);
  const expected = text.split('\n').filter((l) => /#\s*expect(-line|-in|@\d+)?[ :]/.test(l)).length;
  return { kind, params, expected };
}

const corpus = readdirSync(BROKEN).filter((f) => f.endsWith('.yml'));

test.each(corpus)('broken %s: exit 2 and one error line per expected issue', async (name) => {
  const { kind, params, expected } = corpusEntry(name);
  const r = await runCli([
    'validate',
    '--data-dir',
    REFERENCE,
    join(BROKEN, name),
    '--kind',
    kind,
    ...params.flatMap((p) => ['--param', p]),
  ]);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.match(/^error: /gm)).toHaveLength(expected);
  expect(r.stderr).toMatch(new RegExp(`^invalid: \\S*fixtures/broken/${name} \\(`, 'm'));
});

test('a file outside any data-dir folder needs --kind; a bad --kind is a usage error', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'autoslo-validate-'));
  const file = join(dir, 'loose.yml');
  writeFileSync(file, 'sampling_config: {num_scenarios: 1}\n');
  const noKind = await runCli(['validate', '--data-dir', dir, file]);
  expect(noKind.code).toBe(2);
  expect(noKind.stderr).toContain('pass --kind');
  const tuner = await runCli(['validate', '--data-dir', dir, file, '--kind', 'tuner']);
  expect(tuner.code).toBe(0);
  const bad = await runCli(['validate', '--data-dir', dir, file, '--kind', 'recipe']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('--kind must be one of execution-config, tuner-config');
});

test('a missing file and a missing argument exit 2', async () => {
  const missing = await runCli(['validate', '--data-dir', REFERENCE, 'exec:handmade/nope']);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('execution_configs/handmade/nope.yml: file not found');
  const none = await runCli(['validate']);
  expect(none.code).toBe(2);
  expect(none.stderr).toContain('expected a file or a reference');
});

test('a data dir validates as a whole: the reference and the bundled demo data', async () => {
  const reference = await runCli(['validate', REFERENCE]);
  expect(reference.code).toBe(0);
  expect(reference.stdout.match(/^valid: /gm)).toHaveLength(11);
  expect(reference.stderr).toContain('query_router_eval_v8.yml: not checked');
  const bundled = fileURLToPath(new URL('../../../data/', import.meta.url));
  const demo = await runCli(['validate', '--json', bundled]);
  const out = JSON.parse(demo.stdout) as {
    valid: boolean;
    reports: { file: string; issues: unknown[] }[];
  };
  expect(out.reports.filter((r) => r.issues.length > 0)).toEqual([]);
  expect(demo.code).toBe(0);
});

test('a directory that is not a data dir is a usage error', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'autoslo-validate-'));
  const r = await runCli(['validate', dir]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('is a directory but not a data dir');
});
