/**
 * Data reaches the disk before a rename makes it visible: every written file is fsynced before
 * its rename, and the directory holding the new name after it. Observed by wrapping the
 * `open` of node:fs/promises (the real one does the work).
 */
import { jest } from '@jest/globals';

const real = await import('node:fs/promises');
const synced: string[] = [];
jest.unstable_mockModule('node:fs/promises', () => ({
  ...real,
  open: async (...args: Parameters<typeof real.open>) => {
    const handle = await real.open(...args);
    const sync = handle.sync.bind(handle);
    handle.sync = async () => {
      synced.push(String(args[0]));
      return sync();
    };
    return handle;
  },
}));
const { writeDirAtomic, writeFileAtomic } = await import('../src/atomic.js');
const { basename, dirname, join } = await import('node:path');
const { tmpdir } = await import('node:os');

const asideOf = (path: string, target: string) =>
  dirname(path) === dirname(target) && basename(path).startsWith(`.${basename(target)}.tmp-`);

test('writeFileAtomic syncs the file before the rename and its directory after', async () => {
  const root = await real.mkdtemp(join(tmpdir(), 'autoslo-durable-'));
  const target = join(root, 'summary.yml');
  synced.length = 0;
  await writeFileAtomic(target, 'a: 1\n');
  expect(synced).toHaveLength(2);
  expect(asideOf(synced[0] as string, target)).toBe(true);
  expect(synced[1]).toBe(root);
});

test('writeDirAtomic syncs every file and directory it built, then the parent', async () => {
  const root = await real.mkdtemp(join(tmpdir(), 'autoslo-durable-'));
  const target = join(root, 'run');
  synced.length = 0;
  await writeDirAtomic(target, async (tmp) => {
    await real.mkdir(join(tmp, 'sub'));
    await real.writeFile(join(tmp, 'a.yml'), 'a');
    await real.writeFile(join(tmp, 'sub', 'b.parquet'), 'b');
  });
  const names = synced.map((p) => p.slice(p.indexOf('.run.tmp-')).replace(/tmp-\d+-\w+/, 'tmp'));
  expect(names.slice(0, -1).sort()).toEqual(
    ['.run.tmp', '.run.tmp/a.yml', '.run.tmp/sub', '.run.tmp/sub/b.parquet'].sort(),
  );
  expect(synced.at(-1)).toBe(root);
});
