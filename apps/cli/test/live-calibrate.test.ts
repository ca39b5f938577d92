/**
 * Calibration against the local endpoint: a workgroup's history imported live through the
 * Data API (the real SDK, configured from the standard AWS environment), and a live run
 * directory read by `compare-live` and `calibrate`.
 */
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import {
  CreateNamespaceCommand,
  CreateWorkgroupCommand,
  GetWorkgroupCommand,
  RedshiftServerlessClient,
} from '@aws-sdk/client-redshift-serverless';
import { liveDataDir, useLocalRedshift } from './live-fixtures.js';
import { runCli } from './run-cli.js';

useLocalRedshift(0.1);

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function runSql(data: RedshiftDataClient, sql: string): Promise<void> {
  const { Id } = await data.send(
    new ExecuteStatementCommand({ WorkgroupName: 'warehouse', Database: 'dev', Sql: sql }),
  );
  for (;;) {
    const d = await data.send(new DescribeStatementCommand({ Id }));
    if (['FINISHED', 'FAILED', 'ABORTED'].includes(d.Status ?? '')) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

it('imports a workgroup history through the Data API', async () => {
  const serverless = new RedshiftServerlessClient({});
  const data = new RedshiftDataClient({});
  try {
    await serverless.send(new CreateNamespaceCommand({ namespaceName: 'analytics-ns' }));
    await serverless.send(
      new CreateWorkgroupCommand({
        workgroupName: 'warehouse',
        namespaceName: 'analytics-ns',
        baseCapacity: 32,
      }),
    );
    for (;;) {
      const wg = await serverless.send(new GetWorkgroupCommand({ workgroupName: 'warehouse' }));
      if (wg.workgroup?.status === 'AVAILABLE') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await runSql(data, 'CREATE TABLE t (k int)');
    for (const k of [1, 2, 3, 4]) await runSql(data, `SELECT count(*) FROM t WHERE k = ${k}`);
    await runSql(data, 'SELECT * FROM missing_table');
  } finally {
    serverless.destroy();
    data.destroy();
  }
  const dataDir = liveDataDir();
  dirs.push(dataDir);
  const r = await runCli([
    'workload',
    'import-history',
    '--workgroup',
    'warehouse',
    '--data-dir',
    dataDir,
    '--json',
  ]);
  expect(r.stderr).not.toMatch(/failed:/);
  expect(r.code).toBe(0);
  const s = JSON.parse(r.stdout) as {
    name: string;
    stats: { categories: Record<string, number>; templates: number };
  };
  expect(s.name).toBe('warehouse_history');
  expect(s.stats.categories).toMatchObject({ ok: 4, failed: 1, ddl_utility: 1 });
  expect(s.stats.templates).toBe(1);
  const sql = await readFile(join(dataDir, 'query_texts', 'warehouse_history', '001.sql'), 'utf8');
  expect(sql).toContain('SELECT count(*) FROM t WHERE k = 1');
});

it('compares and calibrates from a live run directory', async () => {
  const dataDir = liveDataDir({ openQueries: 9, gapS: 1 });
  dirs.push(dataDir);
  const exec = await runCli([
    'execute',
    '--live',
    '--execution-manifest',
    'live_small',
    '--data-dir',
    dataDir,
    '--time-scale',
    '4',
    '--json',
  ]);
  expect(exec.code).toBe(0);
  const runId = (JSON.parse(exec.stdout) as { runs: { run_id: string }[] }).runs[0]
    ?.run_id as string;

  const cmp = await runCli(['compare-live', '--run', runId, '--data-dir', dataDir, '--json']);
  expect(cmp.code).toBe(0);
  const [run] = (
    JSON.parse(cmp.stdout) as {
      runs: {
        runId: string;
        queries: number;
        templates: { queryTextId: string }[];
        medianApe: number;
      }[];
    }
  ).runs;
  expect(run?.runId).toBe(runId);
  expect(run?.queries).toBe(9);
  expect(run?.templates.map((t) => t.queryTextId)).toEqual([
    'tpcds#001#001',
    'tpcds#002#001',
    'tpcds#003#001',
  ]);
  expect(Number.isFinite(run?.medianApe)).toBe(true);

  const cal = await runCli(['calibrate', '--run', runId, '--data-dir', dataDir]);
  expect(cal.code).toBe(0);
  // One RPU size: the exponent cannot be identified, and the report says so.
  expect(cal.stdout).toMatch(/rpu_exponent\s+not identifiable, keeping the prior 0\.7/);
  expect(cal.stdout).toContain('every template was measured at one RPU size only (8)');
  expect(existsSync(join(dataDir, 'calibration', 'calibrated', 'report.json'))).toBe(true);
});
