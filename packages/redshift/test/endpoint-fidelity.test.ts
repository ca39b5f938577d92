/**
 * The local endpoint as the service answers, seen by the AWS SDK for JavaScript and by a
 * second, independent client (boto3, when python3 has it): NaN and the infinities as the
 * strings the protocol sends, int8 beyond 2^53 as an exact longValue, TIME and INTERVAL
 * type names, names the service refuses, the default base capacity.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  CancelStatementCommand,
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import {
  CreateNamespaceCommand,
  CreateWorkgroupCommand,
  RedshiftServerlessClient,
} from '@aws-sdk/client-redshift-serverless';
import { type LocalRedshift, StatementRunner, startLocalRedshift } from '../src/index.js';
import { LOCAL_CREDENTIALS } from './live-fixtures.js';

const run = promisify(execFile);
let local: LocalRedshift;
let data: RedshiftDataClient;
let serverless: RedshiftServerlessClient;

const SQL =
  "SELECT 'NaN'::float8 AS nan, 'Infinity'::float8 AS inf, '-Infinity'::float8 AS ninf, " +
  "9007199254740993::int8 AS big, 5::int8 AS small, '12:30'::time AS t, '1 day'::interval AS iv";

beforeAll(async () => {
  local = await startLocalRedshift({
    spinUpDelayS: 0,
    workgroups: [{ name: 'fidelity' }],
    demoDataset: false,
  });
  const config = { endpoint: local.endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS };
  data = new RedshiftDataClient(config);
  serverless = new RedshiftServerlessClient(config);
});

afterAll(async () => {
  data.destroy();
  serverless.destroy();
  await local.close();
});

/**
 * Runs a boto3 script with the endpoint's settings (asynchronously: the endpoint serves from
 * this process); null when python3 or boto3 is missing.
 */
async function boto3(script: string): Promise<{ stdout: string } | null> {
  const env = {
    ...process.env,
    ENDPOINT: local.endpoint,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_DEFAULT_REGION: 'us-east-1',
  };
  try {
    await run('python3', ['-c', 'import boto3'], { env });
  } catch {
    return null;
  }
  const { stdout } = await run('python3', ['-c', script], { env, timeout: 60_000 });
  return { stdout };
}

describe('the local endpoint as the service answers', () => {
  it('sends NaN, the infinities, big int8 values and time types as the protocol does (SDK)', async () => {
    const runner = new StatementRunner(data, { initialMs: 5 });
    const out = await runner.run({ workgroupName: 'fidelity', database: 'dev' }, [SQL]);
    expect(out.status).toBe('FINISHED');
    const page = await data.send(new GetStatementResultCommand({ Id: out.id }));
    const [row] = page.Records ?? [];
    expect(row?.slice(0, 3).map((f) => f.doubleValue)).toEqual([
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ]);
    // The JavaScript SDK reads a JSON number: exact below 2^53, nearest double above.
    expect(row?.[3]).toEqual({ longValue: 9007199254740992 });
    expect(row?.[4]).toEqual({ longValue: 5 });
    expect(page.ColumnMetadata?.map((c) => c.typeName)).toEqual([
      'float8',
      'float8',
      'float8',
      'int8',
      'int8',
      'time',
      'interval',
    ]);
  });

  it('gives boto3 the same page, the big int8 exact', async () => {
    const result = await boto3(`
import boto3, json, os, time
c = boto3.client('redshift-data', endpoint_url=os.environ['ENDPOINT'])
sid = c.execute_statement(WorkgroupName='fidelity', Database='dev', Sql=${JSON.stringify(SQL)})['Id']
while c.describe_statement(Id=sid)['Status'] not in ('FINISHED', 'FAILED', 'ABORTED'):
    time.sleep(0.02)
page = c.get_statement_result(Id=sid)
row = page['Records'][0]
print(json.dumps({
  'doubles': [str(f['doubleValue']) for f in row[:3]],
  'big': str(row[3]['longValue']),
  'types': [m['typeName'] for m in page['ColumnMetadata']],
}))
`);
    if (result === null) return; // boto3 missing: the SDK case above still runs
    expect(JSON.parse(result.stdout)).toEqual({
      doubles: ['NaN', 'Infinity', '-Infinity'], // botocore passes the wire strings through
      big: '9007199254740993',
      types: ['float8', 'float8', 'float8', 'int8', 'int8', 'time', 'interval'],
    });
  });

  it('refuses names the service refuses, with ValidationException (SDK and boto3)', async () => {
    for (const name of ['UPPER', 'with space', 'ab', 'x'.repeat(65)]) {
      const error = await serverless
        .send(new CreateNamespaceCommand({ namespaceName: name }))
        .catch((e: unknown) => e as Error);
      expect([name, (error as Error).name]).toEqual([name, 'ValidationException']);
    }
    await serverless.send(new CreateNamespaceCommand({ namespaceName: 'ok-ns' }));
    const wg = await serverless
      .send(new CreateWorkgroupCommand({ workgroupName: 'Bad_Name', namespaceName: 'ok-ns' }))
      .catch((e: unknown) => e as Error);
    expect((wg as Error).name).toBe('ValidationException');
    const result = await boto3(`
import boto3, os
c = boto3.client('redshift-serverless', endpoint_url=os.environ['ENDPOINT'])
try:
    c.create_namespace(namespaceName='Not Valid')
    print('created')
except c.exceptions.ValidationException as e:
    print(e.response['Error']['Code'])
`);
    if (result !== null) expect(result.stdout.trim()).toBe('ValidationException');
  });

  it('runs each statement without a session in a session of its own', async () => {
    const runner = new StatementRunner(data, { initialMs: 5 });
    const on = (sql: string) => runner.run({ workgroupName: 'fidelity', database: 'dev' }, [sql]);
    expect((await on('CREATE TEMP TABLE scratch (n int)')).status).toBe('FINISHED');
    const later = await on('SELECT count(*) FROM scratch');
    expect(later.status).toBe('FAILED');
    expect(later.error).toMatch(/scratch/);
    const before = await runner.rows((await on('SHOW search_path')).id);
    expect((await on('SET search_path TO elsewhere')).status).toBe('FINISHED');
    const after = await runner.rows((await on('SHOW search_path')).id);
    expect(after).toEqual(before);
    expect(after).not.toEqual([{ search_path: 'elsewhere' }]);
  });

  it('cancels a running statement for real: its slot serves the next statement', async () => {
    // 'fidelity' has 8 RPU: one statement at a time.
    const { Id } = await data.send(
      new ExecuteStatementCommand({
        WorkgroupName: 'fidelity',
        Database: 'dev',
        Sql: 'SELECT pg_sleep(600)',
      }),
    );
    for (;;) {
      const d = await data.send(new DescribeStatementCommand({ Id }));
      if (d.Status === 'STARTED') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect((await data.send(new CancelStatementCommand({ Id }))).Status).toBe(true);
    const runner = new StatementRunner(data, { initialMs: 5 });
    const next = await runner.run({ workgroupName: 'fidelity', database: 'dev' }, [
      'SELECT 1 AS one',
    ]);
    expect(next.status).toBe('FINISHED');
    expect((await data.send(new DescribeStatementCommand({ Id }))).Status).toBe('ABORTED');
  });

  it('shuts down while a statement runs', async () => {
    const other = await startLocalRedshift({ workgroups: [{ name: 'busy' }], demoDataset: false });
    const client = new RedshiftDataClient({
      endpoint: other.endpoint,
      region: 'us-east-1',
      credentials: LOCAL_CREDENTIALS,
    });
    const { Id } = await client.send(
      new ExecuteStatementCommand({
        WorkgroupName: 'busy',
        Database: 'dev',
        Sql: 'SELECT pg_sleep(600)',
      }),
    );
    for (;;) {
      const d = await client.send(new DescribeStatementCommand({ Id }));
      if (d.Status === 'STARTED') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    client.destroy();
    await other.close(); // would hang until the sleep ends without a real cancel
  });

  it('gives a workgroup created without a base capacity the service default, 128', async () => {
    await serverless.send(new CreateNamespaceCommand({ namespaceName: 'default-base' }));
    const created = await serverless.send(
      new CreateWorkgroupCommand({ workgroupName: 'default-base', namespaceName: 'default-base' }),
    );
    expect(created.workgroup?.baseCapacity).toBe(128);
  });
});
