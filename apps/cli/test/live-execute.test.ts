/**
 * `autoslo execute --live` end to end through the CLI's `main`, against the local endpoint:
 * a scaled-down open-loop run with a workgroup created mid-run, a closed-loop run, the
 * run index, skip-when-run, the results, and `slo-table` on the live closed-loop run.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOG_EVENT_TYPES, loadExecutionResult, readStructuredLog } from '@autoslo/core';
import { readRunActivity } from '@autoslo/plotter';
import { readRunIndex } from '@autoslo/redshift';
import {
  ListWorkgroupsCommand,
  RedshiftServerlessClient,
} from '@aws-sdk/client-redshift-serverless';
import { parquetMetadata } from 'hyparquet';
import { liveDataDir, useLocalRedshift } from './live-fixtures.js';
import { runCli } from './run-cli.js';

useLocalRedshift();

it('runs a manifest live, indexes and skips complete runs, and feeds slo-table', async () => {
  const dataDir = liveDataDir({ openQueries: 8, gapS: 1, closedLoop: true });
  const args = [
    'execute',
    '--live',
    '--execution-manifest',
    'live_small',
    '--data-dir',
    dataDir,
    '--time-scale',
    '4',
  ];
  // Two split processes' worth of work at once: each runs one entry, both append to map.yml.
  const splits = await Promise.all(
    ['0', '1'].map((k) => runCli([...args, '--splits', '2', '--split-index', k, '--json'])),
  );
  type Summary = {
    runs_executed: number;
    runs: {
      run_id: string;
      run_dir: string;
      num_queries: number;
      failed_queries: number;
      created_workgroups: string[];
      total_cost: number;
    }[];
  };
  for (const s of splits) {
    expect(s.stderr).not.toMatch(/failed/);
    expect(s.code).toBe(0);
  }
  const [split0, split1] = splits.map((s) => JSON.parse(s.stdout) as Summary);
  expect([split0?.runs_executed, split1?.runs_executed]).toEqual([1, 1]);
  const summary = { runs: [...(split0?.runs ?? []), ...(split1?.runs ?? [])] };
  const [open, closed] = summary.runs;
  expect(open?.num_queries).toBe(8);
  expect(open?.failed_queries).toBe(0);
  expect(open?.created_workgroups).toHaveLength(2); // the initial one and one spun up mid-run
  expect(closed?.num_queries).toBe(4);
  for (const run of summary.runs) {
    expect(run.total_cost).toBeGreaterThan(0);
    const files = readdirSync(run.run_dir);
    expect(files).toEqual(
      expect.arrayContaining(['execution_config.yml', 'structured_log.parquet']),
    );
    expect(files.filter((f) => f.startsWith('sys_query_history+'))).toHaveLength(
      run.created_workgroups.length,
    );
    expect(files.filter((f) => f.startsWith('sys_serverless_usage+'))).toHaveLength(
      run.created_workgroups.length,
    );
  }
  expect(open?.run_id).not.toBe(closed?.run_id);
  const index = (await readRunIndex(dataDir)).sort((x, y) =>
    y.execution_config_id.localeCompare(x.execution_config_id),
  );
  expect(index.map((e) => [e.run_id, e.workload_id, e.execution_config_id])).toEqual([
    [open?.run_id, 'live_small__2024-05-27__rf1.000', 'open_autoscale'],
    [closed?.run_id, 'live_four__2024-05-27__rf1.000', 'closed'],
  ]);
  expect(readdirSync(join(dataDir, 'runs')).filter((f) => f.startsWith('.'))).toEqual([]);
  const left = await new RedshiftServerlessClient({}).send(new ListWorkgroupsCommand({}));
  expect(left.workgroups).toEqual([]);

  // The result of the open-loop run loads on its own.
  const result = await loadExecutionResult(open?.run_dir as string, { dataDir });
  expect(result.kind).toBe('live');
  expect(result.num_queries).toBe(8);

  // The simulated run of the same config and workload logs the same vocabulary in the same
  // columns of the same types, and the plotter reads both logs.
  const sim = await runCli([
    'simulate',
    '--execution-config',
    join(dataDir, 'execution_configs', 'live', 'open_autoscale.yml'),
    '--workload',
    'live_small',
    '--target-date',
    '2024-05-27',
    '--rescale-factor',
    '1',
    '--data-dir',
    dataDir,
    '--json',
  ]);
  expect(sim.stderr).not.toMatch(/error/);
  expect(sim.code).toBe(0);
  const simDir = JSON.parse(sim.stdout).run_dir as string;
  const logs = [open?.run_dir as string, simDir].map((d) => join(d, 'structured_log.parquet'));
  const [liveSchema, simSchema] = logs.map((f) => {
    const bytes = readFileSync(f);
    const meta = parquetMetadata(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
    );
    return meta.schema.slice(1).map((e: { name: string; type?: string }) => `${e.name}:${e.type}`);
  });
  expect(liveSchema).toEqual(simSchema);
  expect(liveSchema).toContain('query_id:INT64');
  const typesOf = async (f: string) => {
    const log = await readStructuredLog(f);
    return new Set(Array.from({ length: log.length }, (_, i) => log.eventType(i)));
  };
  const [liveTypes, simTypes] = await Promise.all(logs.map(typesOf));
  for (const t of [...(liveTypes as Set<string>), ...(simTypes as Set<string>)])
    expect(LOG_EVENT_TYPES).toContain(t);
  for (const t of simTypes as Set<string>) expect([t, liveTypes?.has(t)]).toEqual([t, true]);
  const [liveActivity, simActivity] = await Promise.all(
    [open?.run_dir as string, simDir].map((d) => readRunActivity(d)),
  );
  expect(liveActivity?.latenciesS).toHaveLength(8);
  expect(simActivity?.latenciesS).toHaveLength(8);
  expect(liveActivity?.spinups.map((s) => s.rpu)).toEqual(simActivity?.spinups.map((s) => s.rpu));

  // A second invocation skips both pairs.
  const again = await runCli([...args, '--json']);
  expect(again.code).toBe(0);
  expect(JSON.parse(again.stdout).runs_executed).toBe(0);
  expect(again.stderr).toMatch(/Skip - exists/);

  // SLO tables from the live closed-loop run.
  const slo = await runCli([
    'slo-table',
    '--run',
    closed?.run_dir as string,
    '--agg',
    'p100',
    '--k',
    '2',
    '--data-dir',
    dataDir,
  ]);
  expect(slo.code).toBe(0);
  expect(existsSync(join(dataDir, 'slos', `${closed?.run_id}_p100_k2.yml`))).toBe(true);
});

it('refuses a live run whose SQL is missing, naming the query text, with exit 2', async () => {
  const dataDir = liveDataDir();
  const { rmSync } = await import('node:fs');
  rmSync(join(dataDir, 'query_texts', 'tpcds', '002.sql'));
  const out = await runCli([
    'execute',
    '--live',
    '--execution-manifest',
    'live_small',
    '--data-dir',
    dataDir,
  ]);
  expect(out.code).toBe(2);
  expect(out.stderr).toMatch(/no SQL for query_text_id 'tpcds#002#001'/);
  expect(existsSync(join(dataDir, 'runs'))).toBe(false);
});
