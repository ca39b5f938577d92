/**
 * Long suite. SIGKILL at several moments of `simulate`, `execute` and `tune` (the built CLI in a
 * child process, as a user runs it), then the same command again: nothing temporary or partial
 * is left anywhere under the data directory, and the outputs are byte-identical to those of an
 * uninterrupted run in another directory. (`execute --live` killed and cleaned up:
 * live-interrupt.test.ts.)
 */
import { spawn, spawnSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(import.meta.dirname, '../dist/bin.js');
const BUNDLED = resolve(import.meta.dirname, '../../../data');
const PARAMS = ['--param', 'TARGET_DATE=2024-05-27', '--param', 'KAPPA=4'];
/**
 * When the child is killed: after so many milliseconds (start-up, loading, mid-run), or as soon
 * as its first file written aside appears (mid-write).
 */
const MOMENTS: readonly (number | 'writing')[] = [150, 500, 1000, 'writing'];

const COMMANDS: Record<string, string[]> = {
  simulate: ['simulate', '--execution-config', 'exec:handmade/demo_autoslo_base', ...PARAMS],
  execute: ['execute', '--execution-manifest', 'three_static'],
  tune: [
    'tune',
    '--initial-execution-config',
    'exec:handmade/demo_autoslo_base',
    '--tuner-config',
    'tuner:demo_oracle',
    ...PARAMS,
    '--param',
    'SLO_THRESHOLD=0.1',
    '--threads',
    '1',
  ],
};

/** A data dir with the bundled configs, a one-day workload, a small tuner config and manifest. */
async function makeDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'autoslo-kill-'));
  for (const sub of ['slos', 'execution_configs', 'tuner_configs']) {
    await cp(join(BUNDLED, sub), join(dir, sub), { recursive: true });
  }
  const generated = spawnSync(
    process.execPath,
    [
      BIN,
      ...['workload', 'generate', 'diurnal', '--name', 'demo_diurnal', '--days', '2'],
      ...['--start-date', '2024-05-26', '--queries-per-day', '3000', '--data-dir', dir],
    ],
    { encoding: 'utf8' },
  );
  if (generated.status !== 0) throw new Error(`workload generate: ${generated.stderr}`);
  const oracle = join(dir, 'tuner_configs', 'demo_oracle.yml');
  await writeFile(
    oracle,
    (await readFile(oracle, 'utf8'))
      .replace('max_spinups: 5', 'max_spinups: 1')
      .replace('max_attempts_per_round: 5', 'max_attempts_per_round: 1')
      .replace(/: \[([^\],]+), [^\]]+\]$/gm, ': [$1]'),
  );
  const entry = (rpus: string) => `  - workload_config: *may27
    execution_config: exec:handmade/demo_static
    params: { TARGET_DATE: "2024-05-27", KAPPA: 4, INITIAL_RPU: ${rpus} }`;
  await cp(join(BUNDLED, 'manifests'), join(dir, 'manifests'), { recursive: true });
  await writeFile(
    join(dir, 'manifests', 'execution', 'three_static.yml'),
    `locals:
  may27: &may27
    workload_name: demo_diurnal
    target_date: "2024-05-27"
    rescale_factor: 0.16666667
main_content:
${[entry('[16]'), entry('[32]'), entry('[16, 16]')].join('\n')}
`,
  );
  return dir;
}

function run(argv: string[], dataDir: string, killAt?: number | 'writing'): Promise<number | null> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...argv, '--data-dir', dataDir, '--yes'], {
      stdio: 'ignore',
    });
    let timer: NodeJS.Timeout | undefined;
    if (typeof killAt === 'number') timer = setTimeout(() => child.kill('SIGKILL'), killAt);
    if (killAt === 'writing') {
      const poll = async () => {
        if ((await leftovers(dataDir)).length > 0) child.kill('SIGKILL');
        else timer = setTimeout(poll, 5);
      };
      void poll();
    }
    child.on('exit', (code) => {
      clearTimeout(timer);
      done(code);
    });
  });
}

/** Every file under `dir` with its bytes, paths relative to it. */
async function tree(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const path = join(e.parentPath, e.name);
    out.set(path.slice(dir.length + 1), await readFile(path));
  }
  return out;
}

/** Temporary or partial entries (asides, `.old`, `.partial`) anywhere under `dir`. */
async function leftovers(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).filter((p) =>
    /(^|\/)\.[^/]+\.(tmp-\d+-[0-9a-f]{8}(\.old)?|partial)(\/|$)/.test(p),
  );
}

/** What each command writes. */
const OUTPUTS: Record<string, RegExp> = {
  simulate: /^simulator_runs\/[^/]+\/demo_autoslo_base__/,
  execute: /^simulator_runs\/[^/]+\/demo_static__/,
  tune: /^(tuner_runs\/|execution_configs\/tuned\/)/,
};

/** Wall-clock seconds per tuning phase: the one output that differs between any two runs. */
const TIMING = /(^|\/)timing_report\.csv$/;

let reference: string;
let referenceTree: Map<string, Buffer>;

beforeAll(async () => {
  reference = await makeDataDir();
  for (const argv of Object.values(COMMANDS)) expect(await run(argv, reference)).toBe(0);
  referenceTree = await tree(reference);
}, 300_000);

afterAll(async () => {
  await rm(reference, { recursive: true, force: true });
});

describe.each(Object.keys(COMMANDS))('%s killed with SIGKILL, then run again', (name) => {
  it.each(MOMENTS)(
    'killed at %s (ms, or while writing): no leftovers, outputs identical to an uninterrupted run',
    async (moment) => {
      const dataDir = await makeDataDir();
      try {
        // The commands before this one ran to completion, as in the reference directory.
        const names = Object.keys(COMMANDS);
        for (const before of names.slice(0, names.indexOf(name)))
          expect(await run(COMMANDS[before] as string[], dataDir)).toBe(0);
        const argv = COMMANDS[name] as string[];
        await run(argv, dataDir, moment);
        expect(await run(argv, dataDir)).toBe(0);
        expect(await leftovers(dataDir)).toEqual([]);
        // Every file equals the uninterrupted run's, and the command's own outputs are there.
        const got = await tree(dataDir);
        for (const [path, bytes] of got) {
          if (TIMING.test(path)) continue;
          expect([path, referenceTree.get(path)?.equals(bytes)]).toEqual([path, true]);
        }
        const own = [...referenceTree.keys()].filter((p) => OUTPUTS[name]?.test(p));
        expect(own.length).toBeGreaterThan(0);
        for (const path of own) expect([path, got.has(path)]).toEqual([path, true]);
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
    300_000,
  );
});
