import {
  DescribeStatementCommand,
  GetStatementResultCommand,
  ListStatementsCommand,
} from '@aws-sdk/client-redshift-data';
import { isLoopbackHost, type LocalRedshift, startLocalRedshift } from '../src/index.js';
import { clientsFor, rejection, run } from './local-endpoint.js';

describe('fault injection', () => {
  let endpoint: LocalRedshift;
  // close() is idempotent, so a test may close its endpoint itself.
  afterEach(async () => {
    await endpoint.close();
  });

  it('throttles the chosen operations, also after the SDK retries', async () => {
    endpoint = await startLocalRedshift({
      demoDataset: false,
      faults: { throttleRate: 1, operations: ['ListStatements'] },
    });
    const { data } = clientsFor(endpoint, 2);
    const err = await rejection(data.send(new ListStatementsCommand({})));
    expect(err.name).toBe('ThrottlingException');
    expect(err.$metadata?.httpStatusCode).toBe(400);
    expect((err.$metadata as { attempts?: number }).attempts).toBe(2);
    // Other operations are not touched.
    const missing = await rejection(data.send(new DescribeStatementCommand({ Id: 'x' })));
    expect(missing.name).toBe('ResourceNotFoundException');
  });

  it('draws throttling from a seeded generator: same seed, same outcomes', async () => {
    const outcomes = async (seed: number) => {
      endpoint = await startLocalRedshift({
        demoDataset: false,
        faults: { throttleRate: 0.5, seed },
      });
      const { data } = clientsFor(endpoint);
      const seen: string[] = [];
      for (let i = 0; i < 40; i++) {
        seen.push(
          await data.send(new ListStatementsCommand({})).then(
            () => 'ok',
            (e: Error) => e.name,
          ),
        );
      }
      await endpoint.close();
      return seen;
    };
    const a = await outcomes(7);
    const b = await outcomes(7);
    expect(b).toEqual(a);
    const throttled = a.filter((x) => x === 'ThrottlingException').length;
    expect(throttled).toBeGreaterThanOrEqual(10);
    expect(throttled).toBeLessThanOrEqual(30);
    expect(a.filter((x) => x !== 'ok' && x !== 'ThrottlingException')).toEqual([]);
  });

  it('fails requests with transient server errors, and statements by pattern', async () => {
    endpoint = await startLocalRedshift({
      demoDataset: false,
      faults: {
        transientErrorRate: 1,
        operations: ['GetStatementResult'],
        failStatements: [{ pattern: 'from\\s+flaky_table', error: 'injected: disk full' }],
      },
    });
    const { data } = clientsFor(endpoint);
    const failed = await run(data, { Sql: 'SELECT * FROM flaky_table' });
    expect(failed.Status).toBe('FAILED');
    expect(failed.Error).toBe('injected: disk full');
    const ok = await run(data, { Sql: 'SELECT 1' });
    expect(ok.Status).toBe('FINISHED');
    const err = await rejection(data.send(new GetStatementResultCommand({ Id: ok.Id })));
    expect(err.name).toBe('InternalServerException');
    expect(err.$metadata?.httpStatusCode).toBe(500);
  });
});

describe('loopback only', () => {
  it.each(['0.0.0.0', '192.168.1.10', '::', 'example.com'])('refuses to bind %s', async (host) => {
    await expect(startLocalRedshift({ host })).rejects.toThrow(/loopback only/);
  });

  it('recognises loopback names', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost'].map(isLoopbackHost)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(
      ['10.0.0.1', '::ffff:10.0.0.1', '', 'localhost.example.com'].map(isLoopbackHost),
    ).toEqual([false, false, false, false]);
  });

  it('listens on 127.0.0.1', async () => {
    const endpoint = await startLocalRedshift({ demoDataset: false });
    expect(endpoint.endpoint).toBe(`http://127.0.0.1:${endpoint.port}`);
    await endpoint.close();
  });
});

describe('malformed requests', () => {
  let endpoint: LocalRedshift;
  beforeAll(async () => {
    endpoint = await startLocalRedshift({ demoDataset: false });
  });
  afterAll(async () => {
    await endpoint.close();
  });

  const post = async (target: string | null, body: string, method = 'POST') => {
    const res = await fetch(endpoint.endpoint, {
      method,
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        ...(target ? { 'x-amz-target': target } : {}),
      },
      ...(method === 'GET' ? {} : { body }),
    });
    return {
      status: res.status,
      body: (await res.json()) as { __type?: string; message?: string },
    };
  };

  it.each([
    ['invalid JSON', 'RedshiftData.ExecuteStatement', '{"Sql": ', 400, 'SerializationException'],
    ['a JSON array', 'RedshiftData.ExecuteStatement', '[1]', 400, 'SerializationException'],
    ['no target', null, '{}', 400, 'UnknownOperationException'],
    ['an unknown operation', 'RedshiftData.DropEverything', '{}', 400, 'UnknownOperationException'],
    ['an unknown service', 'Redshift.DescribeClusters', '{}', 400, 'UnknownOperationException'],
    [
      'a number as SQL',
      'RedshiftData.ExecuteStatement',
      '{"Sql":5,"WorkgroupName":"default","Database":"d"}',
      400,
      'ValidationException',
    ],
    ['an object as Id', 'RedshiftData.DescribeStatement', '{"Id":{}}', 400, 'ValidationException'],
    [
      'a string as MaxResults',
      'RedshiftData.ListStatements',
      '{"MaxResults":"ten"}',
      400,
      'ValidationException',
    ],
    [
      'a bad page token',
      'RedshiftServerless.ListWorkgroups',
      '{"nextToken":"%%%"}',
      400,
      'ValidationException',
    ],
    [
      'tags that are not a list',
      'RedshiftServerless.CreateNamespace',
      '{"namespaceName":"x","tags":7}',
      400,
      'ValidationException',
    ],
    [
      'a body over 2 MB',
      'RedshiftData.ExecuteStatement',
      `{"Sql":"${'x'.repeat(2_200_000)}"}`,
      413,
      'SerializationException',
    ],
  ])('answers %s with the service error shape', async (_what, target, body, status, type) => {
    const res = await post(target, body);
    expect(res.status).toBe(status);
    expect(res.body.__type).toBe(type);
    expect(typeof res.body.message).toBe('string');
  });

  it('answers a GET with the error shape and keeps serving', async () => {
    const res = await post(null, '', 'GET');
    expect(res.body.__type).toBe('UnknownOperationException');
    const { data } = clientsFor(endpoint);
    const listed = await data.send(new ListStatementsCommand({}));
    expect(listed.Statements).toEqual([]);
  });
});
