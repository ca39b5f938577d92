import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathExists } from '../src/index.js';

test('pathExists: files and directories are there, other names are not', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'path-exists-'));
  await writeFile(join(dir, 'a.yml'), 'x: 1\n');
  expect(await pathExists(join(dir, 'a.yml'))).toBe(true);
  expect(await pathExists(dir)).toBe(true);
  expect(await pathExists(join(dir, 'b.yml'))).toBe(false);
  expect(await pathExists(join(dir, 'a.yml', 'child'))).toBe(false);
});
