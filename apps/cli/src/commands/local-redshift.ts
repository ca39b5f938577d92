/**
 * `autoslo local-redshift`: a local Redshift Data API and Serverless API endpoint on embedded
 * Postgres (PGlite) or a PostgreSQL server, for dry runs of live mode without an AWS account.
 * Serves on loopback only, until Ctrl-C (or for --duration-s seconds).
 */
import { type FaultOptions, startLocalRedshift } from '@autoslo/redshift';
import { type Command, UsageError } from '../command.js';

export function numberFlag(
  values: Record<string, unknown>,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a number from ${min} to ${max}; got '${String(raw)}'`);
  }
  return n;
}

function listFlag(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

function faultsOf(values: Record<string, unknown>): FaultOptions {
  const patterns = listFlag(values['fail-pattern']);
  for (const p of patterns) {
    try {
      new RegExp(p, 'i');
    } catch {
      throw new UsageError(`--fail-pattern '${p}' is not a valid regular expression`);
    }
  }
  return {
    throttleRate: numberFlag(values, 'throttle-rate', 0, 1),
    transientErrorRate: numberFlag(values, 'transient-error-rate', 0, 1),
    failStatements: patterns.map((pattern) => ({ pattern })),
    seed: numberFlag(values, 'fault-seed', 0, 2 ** 32 - 1),
  };
}

/** Resolves on the first SIGINT/SIGTERM, or after `seconds` when given. */
export function stopSignal(seconds: number | undefined): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (name: string) => () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      if (timer) clearTimeout(timer);
      resolve(name);
    };
    const onInt = onSignal('SIGINT');
    const onTerm = onSignal('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
    const timer = seconds === undefined ? null : setTimeout(onSignal('duration'), seconds * 1000);
  });
}

export const localRedshiftCommand: Command = {
  usage: [
    'Usage: autoslo local-redshift [--port P] [--host 127.0.0.1] [--postgres-url URL]',
    '         [--spin-up-delay-s S] [--delete-delay-s S] [--workgroup NAME[:RPU]]...',
    '         [--throttle-rate R] [--transient-error-rate R] [--fail-pattern REGEX]... [--fault-seed N]',
    '         [--max-active-statements N] [--max-slots N] [--duration-s S] [--json]',
    '',
    'Serves the Redshift Data API and the Redshift Serverless API (AWS JSON 1.1) on loopback only.',
    'SQL runs on PGlite (one instance per namespace and database) or on the PostgreSQL server at',
    '--postgres-url. Workgroups given with --workgroup (default: default:8) are AVAILABLE at once;',
    'created ones stay CREATING for --spin-up-delay-s (default 5). Database dev holds a demo',
    'dataset for data/query_texts/tpcds/*.sql. RPU means capacity: a workgroup of R RPU runs',
    'min(--max-slots, max(1, floor(R / 8))) statements at once (default --max-slots 4; on PGlite',
    'one engine of about 350 MB each, started when that concurrency is reached), the rest queue.',
    'Point the AWS SDK at it with',
    '  AWS_ENDPOINT_URL_REDSHIFT_DATA=<endpoint> AWS_ENDPOINT_URL_REDSHIFT_SERVERLESS=<endpoint>',
    'and any credentials. Stops on Ctrl-C, or after --duration-s seconds.',
  ].join('\n'),
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'postgres-url': { type: 'string' },
    'spin-up-delay-s': { type: 'string' },
    'delete-delay-s': { type: 'string' },
    workgroup: { type: 'string', multiple: true },
    'throttle-rate': { type: 'string' },
    'transient-error-rate': { type: 'string' },
    'fail-pattern': { type: 'string', multiple: true },
    'fault-seed': { type: 'string' },
    'max-active-statements': { type: 'string' },
    'max-slots': { type: 'string' },
    'duration-s': { type: 'string' },
  },
  async run(ctx, { values, positionals }) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const workgroups = listFlag(values.workgroup).map((spec) => {
      const [name, rpu] = spec.split(':');
      const baseCapacity = rpu === undefined ? undefined : Number(rpu);
      if (!name || (baseCapacity !== undefined && !Number.isInteger(baseCapacity))) {
        throw new UsageError(`--workgroup takes NAME or NAME:RPU; got '${spec}'`);
      }
      return { name, baseCapacity };
    });
    const host = typeof values.host === 'string' ? values.host : '127.0.0.1';
    let endpoint: Awaited<ReturnType<typeof startLocalRedshift>>;
    try {
      endpoint = await startLocalRedshift({
        port: numberFlag(values, 'port', 0, 65535),
        host,
        postgresUrl:
          typeof values['postgres-url'] === 'string' ? values['postgres-url'] : undefined,
        spinUpDelayS: numberFlag(values, 'spin-up-delay-s', 0, 86_400),
        deleteDelayS: numberFlag(values, 'delete-delay-s', 0, 86_400),
        workgroups: workgroups.length > 0 ? workgroups : undefined,
        faults: faultsOf(values),
        maxActiveStatements: numberFlag(values, 'max-active-statements', 1, 100_000),
        maxStatementSlots: numberFlag(values, 'max-slots', 1, 128),
      });
    } catch (error) {
      if (/loopback only/.test((error as Error).message)) {
        throw new UsageError((error as Error).message);
      }
      throw error;
    }
    const names = workgroups.length > 0 ? workgroups.map((w) => w.name) : ['default'];
    if (ctx.json) {
      ctx.stdout.write(
        `${JSON.stringify({ endpoint: endpoint.endpoint, port: endpoint.port, workgroups: names })}\n`,
      );
    } else {
      ctx.log(`local-redshift listening on ${endpoint.endpoint} (workgroups: ${names.join(', ')})`);
      ctx.log(`  export AWS_ENDPOINT_URL_REDSHIFT_DATA=${endpoint.endpoint}`);
      ctx.log(`  export AWS_ENDPOINT_URL_REDSHIFT_SERVERLESS=${endpoint.endpoint}`);
    }
    const reason = await stopSignal(numberFlag(values, 'duration-s', 0, 31_536_000));
    await endpoint.close();
    if (!ctx.json) ctx.log(`local-redshift stopped (${reason})`);
    return 0;
  },
};
