/** Test helpers: the official SDK clients pointed at a local endpoint, and status polling. */
import {
  DescribeStatementCommand,
  type DescribeStatementResponse,
  ExecuteStatementCommand,
  type ExecuteStatementInput,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import type { LocalRedshift } from '../src/index.js';

const credentials = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' };

export function clientsFor(endpoint: LocalRedshift, maxAttempts = 1) {
  const config = { endpoint: endpoint.endpoint, region: 'us-east-1', credentials, maxAttempts };
  return {
    data: new RedshiftDataClient(config),
    serverless: new RedshiftServerlessClient(config),
  };
}

const DONE = ['FINISHED', 'FAILED', 'ABORTED'];

/** Polls DescribeStatement until the statement ends (a hang guard, generous for busy machines). */
export async function waitForEnd(
  data: RedshiftDataClient,
  id: string,
  timeoutMs = 300_000,
): Promise<DescribeStatementResponse> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const d = await data.send(new DescribeStatementCommand({ Id: id }));
    if (DONE.includes(d.Status ?? '')) return d;
    if (Date.now() > deadline) throw new Error(`statement ${id} still ${d.Status}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Executes one statement and waits for it to end. */
export async function run(
  data: RedshiftDataClient,
  input: Partial<ExecuteStatementInput> & { Sql: string },
): Promise<DescribeStatementResponse> {
  const { Id } = await data.send(
    new ExecuteStatementCommand({ WorkgroupName: 'default', Database: 'test', ...input }),
  );
  return waitForEnd(data, Id as string);
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection(
  promise: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}
