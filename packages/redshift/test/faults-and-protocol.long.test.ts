/** Long suite: every operation of both APIs fuzzed with members of the wrong type. */
import { type LocalRedshift, startLocalRedshift } from '../src/index.js';

describe('malformed requests, fuzzed', () => {
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

  it('never answers a member of the wrong type with a server error', async () => {
    // Every operation, each member set to values of the wrong shape, on top of a valid base.
    const operations = [
      ...['ExecuteStatement', 'BatchExecuteStatement', 'DescribeStatement', 'GetStatementResult'],
      ...['GetStatementResultV2', 'CancelStatement', 'ListStatements', 'ListDatabases'],
    ]
      .map((op) => `RedshiftData.${op}`)
      .concat(
        [
          ...['CreateNamespace', 'GetNamespace', 'ListNamespaces', 'DeleteNamespace'],
          ...['CreateWorkgroup', 'GetWorkgroup', 'ListWorkgroups', 'DeleteWorkgroup'],
          ...['UpdateWorkgroup', 'TagResource', 'UntagResource', 'ListTagsForResource'],
        ].map((op) => `RedshiftServerless.${op}`),
      );
    const members = [
      ...['Sql', 'Sqls', 'Id', 'WorkgroupName', 'Database', 'Parameters', 'SessionId'],
      ...['SessionKeepAliveSeconds', 'StatementName', 'ResultFormat', 'NextToken', 'MaxResults'],
      ...['Status', 'namespaceName', 'workgroupName', 'baseCapacity', 'maxCapacity', 'tags'],
      ...['pricePerformanceTarget', 'resourceArn', 'tagKeys', 'configParameters', 'nextToken'],
    ];
    const base = { WorkgroupName: 'nowhere', Database: 'd', Sql: 'SELECT 1', Sqls: ['SELECT 1'] };
    const statuses = new Set<number>();
    for (const target of operations) {
      const cases = members.flatMap((member) =>
        [null, [null], {}].map((value) => ({ member, value })),
      );
      await Promise.all(
        cases.map(async ({ member, value }) => {
          const body = JSON.stringify({ ...base, namespaceName: 'n', [member]: value });
          const res = await post(target, body);
          statuses.add(res.status);
          if (res.status >= 500) {
            throw new Error(`${target} ${member}=${JSON.stringify(value)}: ${res.body.message}`);
          }
          if (res.status !== 200) expect(typeof res.body.__type).toBe('string');
        }),
      );
    }
    expect([...statuses].sort()).toEqual([200, 400]);
  });
});
