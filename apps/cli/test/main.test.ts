import { readFileSync } from 'node:fs';
import { normalizeFlags } from '../src/main.js';
import { runCli } from './run-cli.js';

test('snake_case flags become kebab-case, values untouched', () => {
  expect(
    normalizeFlags(['--tuning_manifest_path', 'a_b', '--data_dir=x_y', '--', '--a_b']),
  ).toEqual(['--tuning-manifest-path', 'a_b', '--data-dir=x_y', '--', '--a-b']);
});

test('unknown command exits 2', async () => {
  const r = await runCli(['frobnicate']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("unknown command 'frobnicate'");
});

test('--help lists commands and exits 0', async () => {
  const r = await runCli(['--help']);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('Usage: autoslo <command>');
});

test('no arguments prints the help and exits 0', async () => {
  const r = await runCli([]);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('Usage: autoslo <command>');
});

test('--version and -V print the package version', async () => {
  const { version } = JSON.parse(
    readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
  ) as { version: string };
  for (const flag of ['--version', '-V']) {
    const r = await runCli([flag]);
    expect([r.code, r.stdout]).toEqual([0, `${version}\n`]);
  }
});

test('help <command> prints that command usage, as <command> --help does', async () => {
  const viaHelp = await runCli(['help', 'validate']);
  const viaFlag = await runCli(['validate', '--help']);
  expect(viaHelp.code).toBe(0);
  expect(viaHelp.stdout).toContain('Usage: autoslo validate');
  expect(viaHelp.stdout).toBe(viaFlag.stdout);
  const two = await runCli(['help', 'workload', 'generate']);
  expect(two.stdout).toContain('Usage: autoslo workload generate');
  const unknown = await runCli(['help', 'frobnicate']);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain("unknown command 'frobnicate'");
});

test('a command group lists its commands: workload, workload --help, help workload', async () => {
  for (const argv of [['workload'], ['workload', '--help'], ['help', 'workload']]) {
    const r = await runCli(argv);
    expect([argv, r.code]).toEqual([argv, 0]);
    expect(r.stdout).toContain('Usage: autoslo workload <generate|import-redset|info>');
    expect(r.stdout).toContain('workload info');
  }
  const wrong = await runCli(['workload', 'frobnicate']);
  expect(wrong.code).toBe(2);
  expect(wrong.stderr).toContain("unknown command 'workload frobnicate'");
});
