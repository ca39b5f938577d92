/**
 * Listing and result pages go through the SDK's paginators: every page is read, and a
 * service that answers the same continuation token again ends the listing instead of
 * looping for ever (the hand-written loops did).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import {
  CreateNamespaceCommand,
  CreateWorkgroupCommand,
  type RedshiftServerlessClient,
} from '@aws-sdk/client-redshift-serverless';
import {
  CREATED_BY_TAG,
  createLiveClients,
  findLeftovers,
  type LiveClients,
  type LocalRedshift,
  RUN_ID_TAG,
  StatementRunner,
  startLocalRedshift,
} from '../src/index.js';
import { useLocalEndpoint } from './live-fixtures.js';

let local: LocalRedshift;
let restoreEnv: () => void;
let clients: LiveClients;

beforeAll(async () => {
  local = await startLocalRedshift({
    spinUpDelayS: 0,
    deleteDelayS: 0,
    workgroups: [],
    demoDataset: false,
    resultPageRows: 2,
  });
  restoreEnv = useLocalEndpoint(local.endpoint);
  clients = createLiveClients();
  const tags = [
    { key: RUN_ID_TAG, value: '1700000000123' },
    { key: CREATED_BY_TAG, value: 'autoslo-ts' },
  ];
  for (const name of ['page-a', 'page-b', 'page-c']) {
    await clients.serverless.send(new CreateNamespaceCommand({ namespaceName: name, tags }));
    await clients.serverless.send(
      new CreateWorkgroupCommand({
        workgroupName: name,
        namespaceName: name,
        baseCapacity: 8,
        tags,
      }),
    );
  }
});

afterAll(async () => {
  clients.destroy();
  restoreEnv();
  await local.close();
});

/**
 * Makes the client answer every later page with the first continuation token it saw (a
 * misbehaving service), and refuses to go on past 20 requests so a loop that never ends
 * fails the test instead of hanging it.
 */
function freezeTokens(client: RedshiftServerlessClient | RedshiftDataClient): () => number {
  let requests = 0;
  let first: string | undefined;
  const stack = client.middlewareStack as unknown as {
    add(
      mw: (
        next: (a: unknown) => Promise<{ output: Record<string, unknown> }>,
      ) => (a: unknown) => Promise<{ output: Record<string, unknown> }>,
      options: { step: 'initialize'; name: string },
    ): void;
  };
  stack.add(
    (next) => async (args) => {
      if (++requests > 20) throw new Error('endless paging');
      const result = await next(args);
      for (const key of ['nextToken', 'NextToken']) {
        const token = result.output[key];
        if (typeof token !== 'string') continue;
        first ??= token;
        result.output[key] = first;
      }
      return result;
    },
    { step: 'initialize', name: 'freezeTokens' },
  );
  return () => requests;
}

it('reads every page of a listing and of a statement result', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'autoslo-pages-'));
  const found = await findLeftovers(dataDir, clients.serverless, { pageSize: 1 });
  expect(found.map((l) => `${l.kind}:${l.name}`)).toEqual([
    'namespace:page-a',
    'namespace:page-b',
    'namespace:page-c',
    'workgroup:page-a',
    'workgroup:page-b',
    'workgroup:page-c',
  ]);
  const runner = new StatementRunner(clients.data, { initialMs: 5 });
  const out = await runner.run({ workgroupName: 'page-a', database: 'dev' }, [
    'SELECT g AS n FROM generate_series(1, 5) AS g',
  ]);
  expect(await runner.rows(out.id)).toEqual([1, 2, 3, 4, 5].map((n) => ({ n })));
});

it('ends a listing whose continuation token repeats', async () => {
  const own = createLiveClients();
  try {
    const requests = freezeTokens(own.serverless);
    const dataDir = mkdtempSync(join(tmpdir(), 'autoslo-pages-'));
    const found = await findLeftovers(dataDir, own.serverless, { pageSize: 1 });
    // Two pages of each listing (the second repeats the token), tags asked per resource.
    expect(found.map((l) => `${l.kind}:${l.name}`)).toEqual([
      'namespace:page-a',
      'namespace:page-b',
      'workgroup:page-a',
      'workgroup:page-b',
    ]);
    expect(requests()).toBeLessThanOrEqual(8);

    const dataRequests = freezeTokens(own.data);
    const runner = new StatementRunner(own.data, { initialMs: 5 });
    const out = await runner.run({ workgroupName: 'page-a', database: 'dev' }, [
      'SELECT g AS n FROM generate_series(1, 5) AS g',
    ]);
    expect(await runner.rows(out.id)).toEqual([1, 2, 3, 4].map((n) => ({ n })));
    expect(dataRequests()).toBeLessThan(20);
  } finally {
    own.destroy();
  }
});
