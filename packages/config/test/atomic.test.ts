import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeStaleAsides, writeDirAtomic, writeFileAtomic } from '../src/atomic.js';

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

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

test('an aside left by a killed process is removed by the next write beside it', async () => {
  const dead = deadPid();
  const workload = join(root, 'simulator_runs', 'w');
  const staleDir = `.cfg_a.tmp-${dead}-0123abcd`;
  const staleOld = `.cfg_a.tmp-${dead}-0123abcd.old`;
  const staleFile = `.summary.yml.tmp-${dead}-89abcdef`;
  const live = `.cfg_b.tmp-${process.pid}-00ff00ff`;
  for (const d of [staleDir, staleOld, live]) await mkdir(join(workload, d), { recursive: true });
  await writeFile(join(workload, staleDir, 'structured_log.parquet'), 'partial');
  await writeFile(join(workload, staleFile), 'partial');
  await writeFile(join(workload, '.not-an-aside'), 'kept');

  await writeDirAtomic(join(workload, 'cfg_a'), async (tmp) => writeFile(join(tmp, 'x'), 'x'));
  expect((await readdir(workload)).sort()).toEqual(['.not-an-aside', live, 'cfg_a'].sort());

  const other = join(root, 'plots');
  await mkdir(other);
  await writeFile(join(other, `.demo.png.tmp-${dead}-11112222`), 'partial');
  await writeFileAtomic(join(other, 'demo.csv'), 'a,b\n');
  expect(await readdir(other)).toEqual(['demo.csv']);
});

test('removeStaleAsides reports what it removed and leaves a running writer alone', async () => {
  const dead = deadPid();
  await mkdir(join(root, `.run.tmp-${dead}-deadbeef`));
  await mkdir(join(root, `.run.tmp-${process.pid}-beefdead`));
  expect(await removeStaleAsides(root)).toEqual([`.run.tmp-${dead}-deadbeef`]);
  expect(await readdir(root)).toEqual([`.run.tmp-${process.pid}-beefdead`]);
  expect(await removeStaleAsides(join(root, 'missing'))).toEqual([]);
});
