/**
 * `autoslo gateway`: a Redshift Data API endpoint for applications in front of a pool of
 * Redshift Serverless workgroups that the control plane of an execution config runs on the
 * wall clock (routing, autoscaling, scheduled spin-ups). Clients sign with the access keys
 * the operator configures (--keys-file or AUTOSLO_GATEWAY_KEYS); the gateway reaches the
 * service with its own AWS credentials (the SDK's default chain). Stops on Ctrl-C / SIGTERM,
 * after the statements in flight end, deleting the pool.
 */
import { loadExecutionConfig, makeRunId, parseParamFlags } from '@autoslo/config';
import { type LiveExecutionConfig, loadGatewayKeys, startGateway } from '@autoslo/redshift';
import { type Command, UsageError } from '../command.js';
import { numberFlag, stopSignal } from './local-redshift.js';

const POOL_NAME = /^[a-z0-9-]{3,64}$/;

export const gatewayCommand: Command = {
  usage: [
    'Usage: autoslo gateway --execution-config <ref|path> [--param K=V]... [--port P] [--host H]',
    '         [--pool-name NAME] [--keys-file FILE] [--cost-limit DOLLARS] [--api-rate N]',
    '         [--upstream-endpoint URL] [--sync-journal] [--duration-s S] [--json]',
    '',
    'Serves the Redshift Data API (ExecuteStatement, BatchExecuteStatement, DescribeStatement,',
    'GetStatementResult[V2], CancelStatement, ListStatements) for the workgroup --pool-name',
    "(default autoslo-pool), and runs the config's control plane on the wall clock over real",
    'Redshift Serverless workgroups: each statement is fingerprinted to a template, routed, and',
    'run on the chosen workgroup. Applications change only their endpoint:',
    '  AWS_ENDPOINT_URL_REDSHIFT_DATA=<gateway endpoint>',
    'and sign with a key from --keys-file (lines `ACCESS_KEY_ID SECRET`) or',
    "AUTOSLO_GATEWAY_KEYS=ID:SECRET[,ID:SECRET]. The gateway itself reaches AWS with the SDK's",
    'default credentials (or the endpoint in AWS_ENDPOINT_URL_REDSHIFT_DATA /',
    'AWS_ENDPOINT_URL_REDSHIFT_SERVERLESS, e.g. `autoslo local-redshift`). Binds 127.0.0.1',
    'unless --host says otherwise. Calls to the service are kept under --api-rate per second',
    '(default 500; halved for a while on throttling). Prometheus metrics at GET /metrics. Stops on Ctrl-C or',
    'SIGTERM (or after --duration-s): statements in flight end, the pool is deleted, and the run',
    'is written to runs/<run_id>/ like a live run. Statement ids and their workgroups are',
    'journaled (fsynced) in runs/.gateway-<pool>.partial/; --sync-journal answers each',
    'ExecuteStatement only once its record is on disk (slower on slow disks).',
  ].join('\n'),
  options: {
    'execution-config': { type: 'string' },
    param: { type: 'string', multiple: true },
    port: { type: 'string' },
    host: { type: 'string' },
    'pool-name': { type: 'string' },
    'keys-file': { type: 'string' },
    'cost-limit': { type: 'string' },
    'api-rate': { type: 'string' },
    'sync-journal': { type: 'boolean' },
    'upstream-endpoint': { type: 'string' },
    'duration-s': { type: 'string' },
  },
  async run(ctx, { values, positionals }) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const ref = values['execution-config'];
    if (typeof ref !== 'string' || ref === '') {
      throw new UsageError('--execution-config is required');
    }
    const poolName = typeof values['pool-name'] === 'string' ? values['pool-name'] : 'autoslo-pool';
    if (!POOL_NAME.test(poolName)) {
      throw new UsageError(`--pool-name must be 3-64 of [a-z0-9-]; got '${poolName}'`);
    }
    const port = numberFlag(values, 'port', 0, 65535);
    const costLimit = numberFlag(values, 'cost-limit', 0, 1e9);
    const apiRatePerS = numberFlag(values, 'api-rate', 1, 100_000);
    const durationS = numberFlag(values, 'duration-s', 0, 31_536_000);
    const keysFile = typeof values['keys-file'] === 'string' ? values['keys-file'] : undefined;
    const keys = loadGatewayKeys(keysFile);
    const params = parseParamFlags((values.param as string[] | undefined) ?? []);
    const loaded = await loadExecutionConfig(ref, { dataDir: ctx.dataDir, params });
    const gateway = await startGateway({
      config: loaded.value as LiveExecutionConfig,
      executionConfigId: makeRunId([loaded.stem], params),
      dataDir: ctx.dataDir,
      keys,
      poolName,
      ...(port !== undefined ? { port } : {}),
      ...(typeof values.host === 'string' ? { host: values.host } : {}),
      ...(costLimit !== undefined ? { costLimit } : {}),
      ...(apiRatePerS !== undefined ? { apiRatePerS } : {}),
      syncJournal: values['sync-journal'] === true,
      ...(typeof values['upstream-endpoint'] === 'string'
        ? { upstreamEndpoint: values['upstream-endpoint'] }
        : {}),
      say: (line) => ctx.log(line),
    });
    if (ctx.json) {
      ctx.stdout.write(
        `${JSON.stringify({ endpoint: gateway.endpoint, port: gateway.port, workgroup: poolName, run_id: gateway.runId })}\n`,
      );
    } else {
      ctx.log(`gateway listening on ${gateway.endpoint} for workgroup ${poolName}`);
      ctx.log(`  export AWS_ENDPOINT_URL_REDSHIFT_DATA=${gateway.endpoint}`);
      ctx.log(`  metrics: ${gateway.endpoint}/metrics`);
    }
    const reason = await stopSignal(durationS);
    ctx.log(`gateway stopping (${reason}): waiting for statements in flight, deleting the pool`);
    const outcome = await gateway.close();
    for (const p of outcome.problems) ctx.log(`problem: ${p}`);
    ctx.log(
      `gateway stopped: ${outcome.statements} statements (${outcome.failedStatements} failed), estimated $${outcome.estimatedCost.toFixed(4)}; run ${outcome.runDir}`,
    );
    return outcome.problems.length === 0 ? 0 : 1;
  },
};
