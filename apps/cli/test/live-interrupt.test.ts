/**
 * A live run in a child process (the built CLI, as a user runs it) against a local endpoint
 * in this process. SIGINT mid-run tears down every workgroup it created and leaves no run
 * that looks complete; SIGKILL leaves resources behind, which `autoslo cleanup` finds by
 * journal and tag and deletes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocalRedshift } from '@autoslo/redshift';
import {
  ListNamespacesCommand,
  ListWorkgroupsCommand,
  RedshiftServerlessClient,
} from '@aws-sdk/client-redshift-serverless';
import { liveDataDir, localAwsEnv, useLocalRedshift } from './live-fixtures.js';
import { runCli } from './run-cli.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'bin.js');

const local = useLocalRedshift();
let serverless: RedshiftServerlessClient;

beforeAll(() => {
  serverless = new RedshiftServerlessClient({});
});

afterAll(() => {
  serverless.destroy();
});

async function resources(client = serverless): Promise<string[]> {
  const wgs = await client.send(new ListWorkgroupsCommand({}));
  const nss = await client.send(new ListNamespacesCommand({}));
  return [
    ...(wgs.workgroups ?? []).map((w) => `workgroup ${w.workgroupName}`),
    ...(nss.namespaces ?? []).map((n) => `namespace ${n.namespaceName}`),
  ].sort();
}

/** Starts `execute --live` on a 40-query, 20-second workload (autoscaling on) in a child. */
function startRun(
  dataDir: string,
  endpoint = local().endpoint,
): {
  child: ChildProcess;
  exit: Promise<number | null>;
  stderr: () => string;
} {
  const child = spawn(
    process.execPath,
    [BIN, 'execute', '--live', '--execution-manifest', 'live_small', '--data-dir', dataDir],
    { env: { ...process.env, ...localAwsEnv(endpoint) }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr?.on('data', (d) => {
    err += String(d);
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exit, stderr: () => err };
}

/** Waits until the run has two AVAILABLE workgroups (the mid-run spin-up happened). */
async function untilTwoWorkgroups(stderr: () => string, client = serverless): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const wgs = await client.send(new ListWorkgroupsCommand({}));
    if ((wgs.workgroups ?? []).filter((w) => w.status === 'AVAILABLE').length >= 2) return;
    if (Date.now() > deadline) throw new Error(`no second workgroup; child said:\n${stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function looksComplete(dataDir: string): string[] {
  const runs = join(dataDir, 'runs');
  return readdirSync(runs).filter((d) => existsSync(join(runs, d, 'execution_config.yml')));
}

it('SIGINT mid-run tears down every created workgroup and publishes nothing', async () => {
  const dataDir = liveDataDir({ openQueries: 40, gapS: 0.5 });
  const run = startRun(dataDir);
  await untilTwoWorkgroups(run.stderr);
  run.child.kill('SIGINT');
  expect(await run.exit).toBe(130);
  expect(run.stderr()).toMatch(/SIGINT: stopping the run and tearing down/);
  expect(await resources()).toEqual([]);
  expect(looksComplete(dataDir)).toEqual([]);
  const leftovers = await runCli(['cleanup', '--dry-run', '--data-dir', dataDir, '--json']);
  expect(JSON.parse(leftovers.stdout).found).toEqual([]);
});

it('cleanup deletes what a killed run left behind, found by journal and tag', async () => {
  const dataDir = liveDataDir({ openQueries: 40, gapS: 0.5 });
  const run = startRun(dataDir);
  await untilTwoWorkgroups(run.stderr);
  run.child.kill('SIGKILL');
  await run.exit;
  const left = await resources();
  expect(left).toHaveLength(4); // two workgroups, two namespaces
  expect(looksComplete(dataDir)).toEqual([]);
  const partials = () => readdirSync(join(dataDir, 'runs')).filter((d) => d.endsWith('.partial'));
  expect(partials()).toHaveLength(1);

  const dry = await runCli(['cleanup', '--dry-run', '--data-dir', dataDir, '--json']);
  expect(dry.code).toBe(0);
  const found = JSON.parse(dry.stdout).found as { kind: string; name: string; source: string }[];
  expect(found.map((f) => `${f.kind} ${f.name}`).sort()).toEqual(left);
  expect(new Set(found.map((f) => f.source))).toEqual(new Set(['journal+tag']));
  expect(await resources()).toEqual(left);

  const clean = await runCli(['cleanup', '--data-dir', dataDir]);
  expect(clean.code).toBe(0);
  expect(clean.stdout).toMatch(/4 of 4 leftover resources deleted/);
  expect(clean.stderr).toMatch(/removed partial run directory .*\.partial/);
  expect(await resources()).toEqual([]);
  // Nothing temporary or partial is left under the data dir.
  expect(partials()).toEqual([]);
  const after = await runCli(['cleanup', '--dry-run', '--data-dir', dataDir, '--json']);
  expect(JSON.parse(after.stdout).found).toEqual([]);
});

it('a second SIGINT exits at once, and cleanup deletes what was left', async () => {
  // Deletions take 2 s on this endpoint, so the second SIGINT lands during the teardown.
  const slow = await startLocalRedshift({
    spinUpDelayS: 0.3,
    deleteDelayS: 2,
    workgroups: [],
    demoDataset: false,
  });
  const client = new RedshiftServerlessClient({ endpoint: slow.endpoint });
  try {
    const dataDir = liveDataDir({ openQueries: 40, gapS: 0.5 });
    const run = startRun(dataDir, slow.endpoint);
    await untilTwoWorkgroups(run.stderr, client);
    run.child.kill('SIGINT');
    // Signals do not queue: the second is sent once the first was handled.
    while (!/SIGINT: stopping/.test(run.stderr())) await new Promise((r) => setTimeout(r, 20));
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(130);
    expect(run.stderr()).toMatch(/SIGINT again: exiting now; run 'autoslo cleanup'/);
    expect(looksComplete(dataDir)).toEqual([]);
    process.env.AWS_ENDPOINT_URL = slow.endpoint; // the SDK's chain reads the process env
    const clean = await runCli(['cleanup', '--data-dir', dataDir, '--json']);
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout).failed).toEqual([]);
    expect(await resources(client)).toEqual([]);
  } finally {
    process.env.AWS_ENDPOINT_URL = local().endpoint;
    client.destroy();
    await slow.close();
  }
});
