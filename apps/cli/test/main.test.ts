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
