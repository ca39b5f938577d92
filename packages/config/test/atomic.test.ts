import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDirAtomic, writeFileAtomic } from '../src/atomic.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'autoslo-atomic-'));
});

test('writeFileAtomic leaves only the final file', async () => {
  await writeFileAtomic(join(root, 'a', 'b.txt'), 'hello');
  expect(await readFile(join(root, 'a', 'b.txt'), 'utf8')).toBe('hello');
  expect(await readdir(join(root, 'a'))).toEqual(['b.txt']);
});

test('writeDirAtomic replaces a complete directory only after fill succeeds', async () => {
  const target = join(root, 'run');
  await mkdir(target);
  await writeFile(join(target, 'old.txt'), 'old');
  await expect(
    writeDirAtomic(target, async (tmp) => {
      await writeFile(join(tmp, 'partial.txt'), 'x');
      throw new Error('crash mid-run');
    }),
  ).rejects.toThrow('crash mid-run');
  expect(await readdir(root)).toEqual(['run']);
  expect(await readdir(target)).toEqual(['old.txt']);

  await writeDirAtomic(target, async (tmp) => writeFile(join(tmp, 'new.txt'), 'new'));
  expect(await readdir(root)).toEqual(['run']);
  expect(await readdir(target)).toEqual(['new.txt']);
});
