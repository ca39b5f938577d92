import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.js';

let dataDir = '';
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'autoslo-cli-workload-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const cli = (...argv: string[]) => runCli([...argv, '--data-dir', dataDir]);

test('workload generate diurnal for 30 days writes it and workload info reports it', async () => {
  const gen = await cli(
    'workload',
    'generate',
    'diurnal',
    '--days',
    '30',
    '--start-date',
    '2024-05-01',
    '--name',
    'demo30',
  );
  expect(gen.stderr).toMatch(/^demo30: \d+ queries over 30 day\(s\), 2024-05-01T/);
  expect(gen.code).toBe(0);
  expect(gen.stdout).toBe(`${join(dataDir, 'workloads', 'demo30.parquet')}\n`);

  const info = await cli('workload', 'info', 'demo30');
  expect(info.code).toBe(0);
  expect(info.stdout).toContain('days:         30 (mean ');
  expect(info.stdout).toContain('schema:       tpcds');
  expect(info.stdout).toContain('templates:    99 (297 query texts)');

  const json = await cli(
    'workload',
    'info',
    join(dataDir, 'workloads', 'demo30.parquet'),
    '--json',
  );
  const s = JSON.parse(json.stdout) as {
    rows: number;
    days: number;
    perDay: { date: string; count: number }[];
  };
  expect(s.days).toBe(30);
  expect(s.perDay).toHaveLength(30);
  expect(s.perDay[0]?.date).toBe('2024-05-01');
  expect(s.perDay.reduce((a, d) => a + d.count, 0)).toBe(s.rows);
});

test('workload generate poisson uses the reference name; the same seed gives the same bytes', async () => {
  const a = await cli('workload', 'generate', 'poisson');
  expect(a.code).toBe(0);
  const file = join(dataDir, 'workloads', 'poisson_99_1_3_0.2_42.parquet');
  expect(a.stdout).toBe(`${file}\n`);
  const first = await readFile(file);
  await cli('workload', 'generate', 'poisson');
  expect(Buffer.compare(first, await readFile(file))).toBe(0);
  const info = JSON.parse(
    (await cli('workload', 'info', 'poisson_99_1_3_0.2_42', '--json')).stdout,
  ) as { rows: number };
  expect(info.rows).toBe(297);
});

test('workload generate phased and csv output', async () => {
  const r = await cli(
    'workload',
    'generate',
    'phased',
    '--phases',
    '15q0.05l,10q0.2l',
    '--csv',
    '--json',
  );
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout) as { name: string; path: string; rows: number };
  expect(out.name).toBe('poisson_99_3_None_None_42_phased_15q0.05l_10q0.2l');
  expect(out.rows).toBe(25);
  expect((await stat(out.path)).isFile()).toBe(true);
  expect(out.path.endsWith('.csv')).toBe(true);
});

test.each([
  [['workload', 'generate', 'zipf'], "expected one of poisson, phased, diurnal, got 'zipf'"],
  [['workload', 'generate', 'phased'], 'phased needs --phases'],
  [['workload', 'generate', 'diurnal', '--days', 'ten'], "--days expects an integer, got 'ten'"],
  [['workload', 'generate', 'diurnal', '--start-date', '2024-13-01'], 'start_date: not a date'],
  [['workload', 'info'], 'expected one workload name or file path'],
  [['workload', 'info', 'no_such_workload'], "no workload 'no_such_workload'"],
])('bad input exits 2: %j', async (argv, message) => {
  const r = await cli(...argv);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(message);
});

test('workload info on a bad file exits 2 naming row and column', async () => {
  const file = join(dataDir, 'bad.csv');
  await writeFile(
    file,
    'query_id,abs_start_time,query_text_id,repetition_id\n1,2024-05-27 00:00:00,tpcds#001#001,1\n1,2024-05-27 00:00:01,tpcds#002#001,1\n',
  );
  const r = await cli('workload', 'info', file);
  expect(r.code).toBe(2);
  expect(r.stderr).toBe(
    `error: ${file}:3:1: query_id: row 2: duplicate query_id 1 (first in row 1)\n`,
  );
});

const REDSET_CSV =
  'instance_id,query_id,arrival_timestamp,execution_duration_ms,feature_fingerprint,query_type,was_aborted\n' +
  '157,1,2024-05-27 09:00:00.000000,1000,A,select,False\n' +
  '157,2,2024-05-27 09:00:01.000000,3000,A,select,False\n' +
  '157,3,2024-05-27 09:00:02.000000,500,B,select,False\n' +
  '158,4,2024-05-27 09:00:03.000000,500,B,select,False\n';

test('workload import-redset writes the workload and the latency profile', async () => {
  const file = join(dataDir, 'redset.csv');
  await writeFile(file, REDSET_CSV);
  const r = await cli('workload', 'import-redset', file, '--instance', '157', '--json');
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout) as {
    workloadFile: string;
    profileFile: string;
    stats: { rowsKept: number };
  };
  expect(out.stats.rowsKept).toBe(3);
  expect(out.workloadFile).toBe(join(dataDir, 'workloads', 'redset_157.parquet'));
  expect(await readFile(out.profileFile, 'utf8')).toContain(
    "slo_dict:\n  '001': 2.0\n  '002': 0.5\n",
  );
  const info = JSON.parse((await cli('workload', 'info', 'redset_157', '--json')).stdout) as {
    rows: number;
    isolatedLatencyCoverage: number;
  };
  expect(info).toMatchObject({ rows: 3, isolatedLatencyCoverage: 1 });

  const multi = await cli('workload', 'import-redset', file);
  expect(multi.code).toBe(2);
  expect(multi.stderr).toContain(
    'instance_id: the file holds 2 instances; choose one with --instance (expected 157 (3 rows), 158 (1 rows))',
  );
});

test.each([
  ['empty.csv', '', 'empty.csv: file is empty (no header line)'],
  [
    'mixed.csv',
    'query_id,abs_start_time,query_text_id,repetition_id\n1,2024-05-27 00:00:00,tpcds#001#001,1\n2,2024-05-27 00:00:01,job#001#001,1\n',
    "mixed.csv:3:3: query_text_id: row 2: mixed schemas: 'job' here",
  ],
  [
    'time.csv',
    'query_id,abs_start_time,query_text_id,repetition_id\n1,27/05/2024,tpcds#001#001,1\n',
    'time.csv:2:2: abs_start_time: row 1: abs_start_time is not a timestamp',
  ],
  ['garbage.parquet', 'not parquet at all', 'garbage.parquet: not a readable Parquet file'],
])('workload info %s exits 2 with the located problem', async (name, content, message) => {
  const file = join(dataDir, name);
  await writeFile(file, content);
  const r = await cli('workload', 'info', file);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(`error: ${join(dataDir, message)}`);
});
