/**
 * `autoslo gateway` refuses bad input before anything starts: client keys are required, a
 * malformed keys file is named with its line, the pool name follows the service's rule.
 * (The gateway itself is tested end to end in @autoslo/redshift.)
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'autoslo-gateway-cli-'));
const base = ['gateway', '--data-dir', dir, '--execution-config', 'exec:missing'];

it('requires client access keys', async () => {
  const r = await runCli(base);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/needs client access keys: --keys-file FILE or AUTOSLO_GATEWAY_KEYS/);
});

it('names the file and line of a malformed keys file', async () => {
  const keys = join(dir, 'keys.txt');
  writeFileSync(keys, '# clients\nAKIDAPPLICATION0001\n');
  const r = await runCli([...base, '--keys-file', keys]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(`${keys}:2`);
  expect(r.stderr).toMatch(/ACCESS_KEY_ID SECRET_ACCESS_KEY/);
});

it('refuses a pool name the service would refuse', async () => {
  const r = await runCli([...base, '--pool-name', 'My Pool']);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/--pool-name must be 3-64 of \[a-z0-9-\]/);
});
