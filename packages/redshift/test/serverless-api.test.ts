import { ExecuteStatementCommand } from '@aws-sdk/client-redshift-data';
import {
  CreateNamespaceCommand,
  CreateWorkgroupCommand,
  DeleteNamespaceCommand,
  DeleteWorkgroupCommand,
  GetNamespaceCommand,
  GetWorkgroupCommand,
  ListNamespacesCommand,
  ListTagsForResourceCommand,
  ListWorkgroupsCommand,
  TagResourceCommand,
  UpdateWorkgroupCommand,
} from '@aws-sdk/client-redshift-serverless';
import { type LocalRedshift, startLocalRedshift } from '../src/index.js';
import { clientsFor, rejection, waitForEnd } from './local-endpoint.js';

const DELAY_S = 0.4;
let endpoint: LocalRedshift;
let clients: ReturnType<typeof clientsFor>;

beforeAll(async () => {
  endpoint = await startLocalRedshift({
    spinUpDelayS: DELAY_S,
    deleteDelayS: 0.2,
    demoDataset: false,
  });
  clients = clientsFor(endpoint);
});

afterAll(async () => {
  await endpoint.close();
});

const sleep = (s: number) => new Promise((r) => setTimeout(r, s * 1000));

describe('namespaces and workgroups', () => {
  it('creates a workgroup CREATING, AVAILABLE after the delay, and runs statements only then', async () => {
    const { serverless, data } = clients;
    const ns = await serverless.send(
      new CreateNamespaceCommand({
        namespaceName: 'ns-a',
        adminUsername: 'admin',
        adminUserPassword: 'Secret1!',
      }),
    );
    expect(ns.namespace?.status).toBe('AVAILABLE');
    expect(ns.namespace?.dbName).toBe('dev');
    const created = await serverless.send(
      new CreateWorkgroupCommand({
        workgroupName: 'wg-a',
        namespaceName: 'ns-a',
        baseCapacity: 8,
        maxCapacity: 16,
        publiclyAccessible: true,
      }),
    );
    expect(created.workgroup?.status).toBe('CREATING');
    expect(created.workgroup?.baseCapacity).toBe(8);
    expect(created.workgroup?.maxCapacity).toBe(16);
    expect(created.workgroup?.workgroupArn).toMatch(
      /^arn:aws:redshift-serverless:us-east-1:123456789012:workgroup\//,
    );
    const early = await rejection(
      data.send(
        new ExecuteStatementCommand({ WorkgroupName: 'wg-a', Database: 'db', Sql: 'SELECT 1' }),
      ),
    );
    expect(early.name).toBe('ValidationException');
    expect(early.message).toBe('Workgroup wg-a is not available: its status is CREATING.');
    await sleep(DELAY_S + 0.1);
    const got = await serverless.send(new GetWorkgroupCommand({ workgroupName: 'wg-a' }));
    expect(got.workgroup?.status).toBe('AVAILABLE');
    const { Id } = await data.send(
      new ExecuteStatementCommand({ WorkgroupName: 'wg-a', Database: 'db', Sql: 'SELECT 1' }),
    );
    expect((await waitForEnd(data, Id as string)).Status).toBe('FINISHED');
  });

  it('records a price-performance target instead of a base capacity', async () => {
    const { serverless } = clients;
    await serverless.send(new CreateNamespaceCommand({ namespaceName: 'ns-rais' }));
    const wg = await serverless.send(
      new CreateWorkgroupCommand({
        workgroupName: 'wg-rais',
        namespaceName: 'ns-rais',
        pricePerformanceTarget: { status: 'ENABLED', level: 50 },
        maxCapacity: 512,
      }),
    );
    expect(wg.workgroup?.pricePerformanceTarget).toEqual({ status: 'ENABLED', level: 50 });
    expect(wg.workgroup?.baseCapacity).toBeUndefined();
  });

  it('lists, updates, tags and deletes: DELETING, then gone', async () => {
    const { serverless } = clients;
    const names = (await serverless.send(new ListWorkgroupsCommand({}))).workgroups?.map(
      (w) => w.workgroupName,
    );
    expect(names).toEqual(['default', 'wg-a', 'wg-rais']);
    const namespaces = await serverless.send(new ListNamespacesCommand({ maxResults: 2 }));
    expect(namespaces.namespaces?.map((n) => n.namespaceName)).toEqual(['default', 'ns-a']);
    expect(namespaces.nextToken).toBeDefined();

    const updated = await serverless.send(
      new UpdateWorkgroupCommand({ workgroupName: 'wg-a', baseCapacity: 32, maxCapacity: 64 }),
    );
    expect([updated.workgroup?.baseCapacity, updated.workgroup?.maxCapacity]).toEqual([32, 64]);

    const arn = updated.workgroup?.workgroupArn as string;
    await serverless.send(
      new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'autoslo', value: 'run-1' }] }),
    );
    const tags = await serverless.send(new ListTagsForResourceCommand({ resourceArn: arn }));
    expect(tags.tags).toEqual([{ key: 'autoslo', value: 'run-1' }]);

    const blocked = await rejection(
      serverless.send(new DeleteNamespaceCommand({ namespaceName: 'ns-a' })),
    );
    expect(blocked.name).toBe('ConflictException');
    const deleting = await serverless.send(new DeleteWorkgroupCommand({ workgroupName: 'wg-a' }));
    expect(deleting.workgroup?.status).toBe('DELETING');
    await sleep(0.3);
    const gone = await rejection(
      serverless.send(new GetWorkgroupCommand({ workgroupName: 'wg-a' })),
    );
    expect(gone.name).toBe('ResourceNotFoundException');
    await serverless.send(new DeleteNamespaceCommand({ namespaceName: 'ns-a' }));
    await sleep(0.3);
    const nsGone = await rejection(
      serverless.send(new GetNamespaceCommand({ namespaceName: 'ns-a' })),
    );
    expect(nsGone.name).toBe('ResourceNotFoundException');
  });

  it.each([
    ['a base capacity off the service grid', { baseCapacity: 12 }, 'ValidationException'],
    [
      'an unknown performance level',
      { pricePerformanceTarget: { status: 'ENABLED' as const, level: 30 } },
      'ValidationException',
    ],
    ['a missing namespace', { namespaceName: 'nope' }, 'ResourceNotFoundException'],
    ['a name in use', { workgroupName: 'default', namespaceName: 'default' }, 'ConflictException'],
  ])('refuses %s', async (_what, change, code) => {
    await clients.serverless
      .send(new CreateNamespaceCommand({ namespaceName: 'ns-bad' }))
      .catch(() => undefined);
    const err = await rejection(
      clients.serverless.send(
        new CreateWorkgroupCommand({ workgroupName: 'wg-bad', namespaceName: 'ns-bad', ...change }),
      ),
    );
    expect(err.name).toBe(code);
  });
});
