import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSloTableFile, StructuredLog } from '@autoslo/core';
import { runCli } from './run-cli.js';

const REFERENCE_TABLE = join(
  import.meta.dirname,
  '../../../reference-data/autoslo/data/slos/1778469201294_p100_k4.yml',
);

/** A closed-loop run whose slowest query per template takes a quarter of the reference's κ=4 SLO. */
async function closedLoopRun(root: string): Promise<string> {
  const runDir = join(root, 'runs', '1778469201294');
  await mkdir(runDir, { recursive: true });
  const log = new StructuredLog();
  log.append({
    rel_time_s: 0,
    event_type: 'run_start',
    source: 'runner',
    details: { closed_loop: true },
  });
  let now = 0;
  let id = 0;
  for (const [template, slo] of readSloTableFile(REFERENCE_TABLE).sloDict) {
    for (const latency of [slo / 4, slo / 6]) {
      const text = `ext_tpcds1000#${template}#001`;
      log.append({
        rel_time_s: now,
        event_type: 'arrival',
        source: 'runner',
        query_id: id,
        query_text_id: text,
      });
      now += latency;
      log.append({
        rel_time_s: now,
        event_type: 'completion',
        source: 'runner',
        query_id: id,
        query_text_id: text,
      });
      id++;
    }
  }
  await log.writeParquet(join(runDir, 'structured_log.parquet'));
  return runDir;
}

describe('autoslo slo-table', () => {
  test("rebuilds the reference's p100 κ=4 table byte for byte", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'slo-table-'));
    await closedLoopRun(dataDir);
    const { code, stdout, stderr } = await runCli([
      'slo-table',
      '--run',
      '1778469201294',
      '--agg',
      'p100',
      '--k',
      '2,4',
      '--data-dir',
      dataDir,
      '--json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as { files: string[]; num_templates: number };
    expect(summary.num_templates).toBe(99);
    expect(summary.files).toEqual([
      join(dataDir, 'slos', '1778469201294_p100_k2.yml'),
      join(dataDir, 'slos', '1778469201294_p100_k4.yml'),
    ]);
    const ours = await readFile(join(dataDir, 'slos', '1778469201294_p100_k4.yml'), 'utf8');
    expect(ours).toBe(await readFile(REFERENCE_TABLE, 'utf8'));
  });

  test('a run path, the default aggregations and an output directory', async () => {
    const root = await mkdtemp(join(tmpdir(), 'slo-table-'));
    const runDir = await closedLoopRun(root);
    const out = join(root, 'out');
    const { code, stdout } = await runCli([
      'slo-table',
      '--run',
      runDir,
      '--k',
      '1',
      '--out-dir',
      out,
      '--run-id',
      'demo',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('3 SLO tables for 99 templates');
    const mean = await readFile(join(out, 'demo_mean_k1.yml'), 'utf8');
    expect(mean.split('\n').slice(0, 5)).toEqual([
      'run_id: demo',
      'agg_method: mean',
      'multiplier: 1',
      'num_templates: 99',
      'slo_dict:',
    ]);
  });

  test('bad input exits 2', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'slo-table-'));
    expect((await runCli(['slo-table', '--data-dir', dataDir])).code).toBe(2);
    expect((await runCli(['slo-table', '--run', 'nope', '--data-dir', dataDir])).code).toBe(2);
    await closedLoopRun(dataDir);
    const badAgg = await runCli([
      'slo-table',
      '--run',
      '1778469201294',
      '--agg',
      'median',
      '--data-dir',
      dataDir,
    ]);
    expect(badAgg.code).toBe(2);
    expect(badAgg.stderr).toContain('unknown aggregation');
    const badK = await runCli([
      'slo-table',
      '--run',
      '1778469201294',
      '--k',
      '0',
      '--data-dir',
      dataDir,
    ]);
    expect(badK.code).toBe(2);
  });
});
