/**
 * A local Redshift endpoint: the Data API and the Serverless API on one HTTP port, in the
 * AWS JSON 1.1 protocol (POST /, `X-Amz-Target: RedshiftData.<Op>` or
 * `RedshiftServerless.<Op>`), so the official SDK clients talk to it through their standard
 * `endpoint` option. It listens on loopback only: it has no authentication.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AMZ_TARGET, parseInput, readBody, sendJson, sendServiceError } from './aws-json-http.js';
import { type Clock, systemClock } from './clock.js';
import { DataApi } from './data-api.js';
import { EnginePool } from './engine-pool.js';
import { FaultInjector, type FaultOptions } from './faults.js';
import { isLoopbackHost } from './loopback.js';
import { type OperationHandler, serverlessOperations } from './serverless-api.js';
import { ServerlessRegistry } from './serverless-registry.js';
import { ServiceError } from './service-error.js';

export interface LocalRedshiftOptions {
  /** TCP port; 0 (default) picks a free one. */
  readonly port?: number;
  /** Loopback address to bind (default 127.0.0.1); anything else is refused. */
  readonly host?: string;
  /** Run SQL on this PostgreSQL server instead of embedded PGlite. */
  readonly postgresUrl?: string;
  /** Seconds a new workgroup stays CREATING before it is AVAILABLE (default 5). */
  readonly spinUpDelayS?: number;
  /** Seconds a deleted workgroup or namespace stays DELETING (default: the spin-up delay). */
  readonly deleteDelayS?: number;
  /** Workgroups that exist AVAILABLE from the start, each with its namespace (default `default`). */
  readonly workgroups?: readonly { name: string; baseCapacity?: number }[];
  readonly faults?: FaultOptions;
  /** Active statements per workgroup before ActiveStatementsExceededException (default 500). */
  readonly maxActiveStatements?: number;
  /** Rows per GetStatementResult page (default 1000). */
  readonly resultPageRows?: number;
  /** Create the demo dataset in database `dev` on first use (default true). */
  readonly demoDataset?: boolean;
  /**
   * Most statements a workgroup runs at once, whatever its RPU (default 4). A workgroup of
   * r RPU runs min(this, max(1, floor(r / 8))): on PGlite that many engines (each a worker
   * thread of about 350 MB resident, started only when the concurrency is reached), on a
   * PostgreSQL server a connection pool of that size.
   */
  readonly maxStatementSlots?: number;
  /** Time source for statuses, timestamps and billing (default the system clock). */
  readonly clock?: Clock;
}

export interface LocalRedshift {
  /** `http://127.0.0.1:<port>`, for the SDK clients' `endpoint` option. */
  readonly endpoint: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Starts the endpoint. Resolves once it listens.
 * @throws Error when `host` is not a loopback address.
 */
export async function startLocalRedshift(
  options: LocalRedshiftOptions = {},
): Promise<LocalRedshift> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) {
    throw new Error(
      `local-redshift binds to loopback only (127.0.0.1, ::1, localhost); refusing '${host}'.`,
    );
  }
  const clock = options.clock ?? systemClock;
  const spinUpDelayMs = (options.spinUpDelayS ?? 5) * 1000;
  const registry = new ServerlessRegistry(clock, {
    spinUpDelayMs,
    deleteDelayMs: options.deleteDelayS !== undefined ? options.deleteDelayS * 1000 : spinUpDelayMs,
  });
  for (const wg of options.workgroups ?? [{ name: 'default' }]) {
    registry.createNamespace({ name: wg.name });
    registry.createWorkgroup(
      {
        name: wg.name,
        namespaceName: wg.name,
        baseCapacity: wg.baseCapacity ?? 8,
        maxCapacity: null,
        pricePerformanceTarget: null,
        publiclyAccessible: false,
        port: 5439,
        configParameters: [],
        tags: [],
      },
      0,
    );
  }
  const engines = new EnginePool({
    postgresUrl: options.postgresUrl,
    demoDataset: options.demoDataset,
    maxSlots: options.maxStatementSlots,
  });
  const faults = new FaultInjector(options.faults);
  const dataApi = new DataApi(registry, engines, clock, faults, {
    maxActiveStatements: options.maxActiveStatements ?? 500,
    resultPageRows: options.resultPageRows ?? 1000,
  });
  const handlers: Record<string, Record<string, OperationHandler>> = {
    RedshiftData: dataApi.operations(),
    RedshiftServerless: serverlessOperations(registry, faults),
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const target = AMZ_TARGET.exec(String(req.headers['x-amz-target'] ?? ''));
    const body = await readBody(req);
    if (req.method !== 'POST' || !target) {
      throw new ServiceError(
        'UnknownOperationException',
        'Send POST / with an X-Amz-Target of RedshiftData.<Operation> or RedshiftServerless.<Operation>.',
      );
    }
    const [, service, operation] = target as unknown as [string, string, string];
    const handler = handlers[service]?.[operation];
    if (!handler) {
      throw new ServiceError(
        'UnknownOperationException',
        `${service} has no operation ${operation} here.`,
      );
    }
    const input = parseInput(body);
    faults.beforeRequest(operation);
    sendJson(res, 200, await handler(input));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return;
      if (error instanceof ServiceError) sendServiceError(res, error);
      else {
        sendServiceError(
          res,
          new ServiceError('InternalServerException', `Internal error: ${String(error)}`, 500),
        );
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | null = null;
  return {
    endpoint: `http://${urlHost}:${port}`,
    port,
    close: () => {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await dataApi.drain();
        dataApi.sessions.closeAll();
        await engines.closeAll();
      })();
      return closing;
    },
  };
}
