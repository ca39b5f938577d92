/**
 * Load on the gateway, loopback only, bounded, stops by itself: 20 concurrent SDK clients
 * send 10,000 statements through the gateway to the local endpoint (each: ExecuteStatement,
 * DescribeStatement until it ends, GetStatementResult). Checks that none is lost or
 * duplicated (every statement's own value comes back once, every id is distinct) and prints
 * the gateway's own added time per request (routing, bookkeeping, journal, proxying; the
 * wait on the service measured apart) at p50 / p99, next to the client's end-to-end time.
 * `pnpm --filter @autoslo/redshift bench:gateway [statements] [clients]`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';

const TOTAL = Number(process.argv[2] ?? 10_000);
const CLIENTS = Number(process.argv[3] ?? 20);
const DEADLINE_MS = 15 * 60 * 1000;
const KEY = { accessKeyId: 'AKIDGATEWAYBENCH001', secretAccessKey: 'gateway-bench-secret' };

// The endpoint runs in its own process: its embedded engine would otherwise share the
// gateway's event loop, and its query time would count as the gateway's.
const endpointProcess = spawn(
  process.execPath,
  ['--import', 'tsx', join(import.meta.dirname, 'serve-local-redshift.ts')],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
// Whatever happens (an error included), the children do not outlive the bench.
const children = [endpointProcess];
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});
const firstLine = await createInterface({ input: endpointProcess.stdout })
  [Symbol.asyncIterator]()
  .next();
const local = JSON.parse(firstLine.value as string) as { endpoint: string };
const upstreamEnv = {
  AWS_ENDPOINT_URL: local.endpoint,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIDLOCAL',
  AWS_SECRET_ACCESS_KEY: 'local-secret',
};
const CONFIG = {
  slo_resolver_config: { slo_s: 10 },
  slo_objective_config: { slo_metric: 'binary', slo_threshold: 0.05 },
  provisioner_config: { spin_up_delay_s: 1, max_capacity_ratio: 1 },
  workload_runner_config: { max_threads: 512 },
  managed_cluster_pool_config: { initial_rpus: [8], max_clusters: 1 },
  scheduled_spinups: [],
  query_router_config: { routing_policy_name: 'use_iconq_model' },
  autoscaler_config: { autoscaling_policy: 'noop', allowed_rpu_sizes: [] },
  latency_model_config: { reference_rpu: 8, default_isolated_latency_s: 0.01 },
};
// The gateway in a process of its own too: its added time is measured without the bench's
// clients sharing its event loop.
const gatewayProcess = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    join(import.meta.dirname, 'serve-gateway.ts'),
    mkdtempSync(join(tmpdir(), 'autoslo-gateway-bench-')),
    'bench-pool',
    JSON.stringify(CONFIG),
  ],
  {
    env: {
      ...process.env,
      ...upstreamEnv,
      AUTOSLO_GATEWAY_KEYS: `${KEY.accessKeyId}:${KEY.secretAccessKey}`,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
children.push(gatewayProcess);
const gatewayLines = createInterface({ input: gatewayProcess.stdout })[Symbol.asyncIterator]();
const gateway = JSON.parse((await gatewayLines.next()).value as string) as { endpoint: string };
const guard = setTimeout(() => {
  process.stderr.write('bench: deadline passed, stopping\n');
  endpointProcess.kill('SIGKILL');
  gatewayProcess.kill('SIGKILL');
  process.exit(1);
}, DEADLINE_MS);
process.stdout.write(
  `node ${process.version}; ${TOTAL} statements from ${CLIENTS} clients through ${gateway.endpoint}\n`,
);

const ids = new Set<string>();
const seen = new Map<number, number>();
const endToEndMs: number[] = [];
let next = 0;
let failed = 0;
const t0 = performance.now();

async function clientLoop(): Promise<void> {
  const data = new RedshiftDataClient({
    endpoint: gateway.endpoint,
    region: 'us-east-1',
    credentials: KEY,
  });
  for (;;) {
    const i = next++;
    if (i >= TOTAL) break;
    const start = performance.now();
    const { Id } = await data.send(
      new ExecuteStatementCommand({
        WorkgroupName: 'bench-pool',
        Database: 'dev',
        Sql: `SELECT ${i} AS i`,
      }),
    );
    ids.add(Id as string);
    let status = '';
    let wait = 2;
    while (status !== 'FINISHED' && status !== 'FAILED' && status !== 'ABORTED') {
      await new Promise((r) => setTimeout(r, wait));
      wait = Math.min(50, wait * 1.5);
      status = (await data.send(new DescribeStatementCommand({ Id }))).Status ?? '';
    }
    if (status !== 'FINISHED') {
      failed++;
      continue;
    }
    const page = await data.send(new GetStatementResultCommand({ Id }));
    const v = Number(page.Records?.[0]?.[0]?.longValue);
    seen.set(v, (seen.get(v) ?? 0) + 1);
    endToEndMs.push(performance.now() - start);
  }
  data.destroy();
}

let lastReport = 0;
const progress = setInterval(() => {
  const done = endToEndMs.length + failed;
  if (done - lastReport >= 1000) {
    lastReport = done;
    process.stdout.write(`  ${done}/${TOTAL}\n`);
  }
}, 1000);
await Promise.all(Array.from({ length: CLIENTS }, () => clientLoop()));
clearInterval(progress);
const wallS = (performance.now() - t0) / 1000;

const duplicated = [...seen.values()].filter((n) => n > 1).length;
const lost = TOTAL - failed - [...seen.keys()].filter((v) => v >= 0 && v < TOTAL).length;
const pct = (xs: number[], p: number) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};
const metrics = await (await fetch(`${gateway.endpoint}/metrics`)).text();
const metric = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metrics)?.[1]);
const addedP50 = metric('autoslo_gateway_added_seconds\\{quantile="0.5"\\}') * 1000;
const addedP99 = metric('autoslo_gateway_added_seconds\\{quantile="0.99"\\}') * 1000;
const addedCount = metric('autoslo_gateway_added_seconds_count');
const journalP50 = metric('autoslo_gateway_journal_wait_seconds\\{quantile="0.5"\\}') * 1000;
const journalP99 = metric('autoslo_gateway_journal_wait_seconds\\{quantile="0.99"\\}') * 1000;
gatewayProcess.kill('SIGTERM');
const closed = JSON.parse((await gatewayLines.next()).value as string) as { problems: string[] };
endpointProcess.kill('SIGTERM');
clearTimeout(guard);

const f = (x: number) => x.toFixed(3);
process.stdout.write(
  [
    `statements: ${TOTAL}, distinct ids: ${ids.size}, failed: ${failed}, lost: ${lost}, duplicated: ${duplicated}`,
    `wall: ${wallS.toFixed(1)} s (${(TOTAL / wallS).toFixed(0)} statements/s)`,
    `gateway added time per request (${addedCount} requests, from its /metrics): p50 ${f(addedP50)} ms, p99 ${f(addedP99)} ms`,
    `  statement journal write + fsync (in the background, group-committed): p50 ${f(journalP50)} ms, p99 ${f(journalP99)} ms`,
    `client end-to-end per statement: p50 ${f(pct(endToEndMs, 50))} ms, p99 ${f(pct(endToEndMs, 99))} ms`,
    `gateway closed, problems: ${closed.problems.length}`,
    '',
  ].join('\n'),
);
process.exit(lost === 0 && duplicated === 0 && ids.size === TOTAL ? 0 : 1);
