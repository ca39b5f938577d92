/**
 * The gateway's way to the real Data API: requests forwarded as raw AWS JSON 1.1, signed
 * with the gateway's own AWS credentials (the SDK's default chain, through the live run's
 * Data API client), behind the live run's rate limiter and retried on throttling and
 * transient errors by the same policy. Answers come back byte for byte, so result pages
 * reach the application exactly as the service wrote them.
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { ForwardedReply } from '@autoslo/core';
import type { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { SignatureV4 } from '@smithy/signature-v4';
import { type RateLimiter, sleep } from '../live/rate-limiter.js';
import { classifyError, type RetryPolicy } from '../live/retry-policy.js';
import { AMZ_JSON_CONTENT_TYPE } from '../local/aws-json-http.js';

export const DATA_API_SIGNING_NAME = 'redshift-data';

export interface UpstreamOptions {
  /** The Data API client whose region, credentials and hash the gateway signs with. */
  readonly data: RedshiftDataClient;
  readonly limiter: RateLimiter;
  readonly retry: RetryPolicy;
  /** Default: AWS_ENDPOINT_URL_REDSHIFT_DATA, AWS_ENDPOINT_URL, or the regional endpoint. */
  readonly endpoint?: string;
  readonly env?: NodeJS.ProcessEnv;
}

function errorCodeOf(
  status: number,
  headers: Record<string, unknown>,
  body: string,
): string | null {
  if (status >= 200 && status < 300) return null;
  const header = headers['x-amzn-errortype'];
  let code = typeof header === 'string' ? header : '';
  if (code === '') {
    try {
      const parsed = JSON.parse(body) as { __type?: unknown; code?: unknown };
      code = String(parsed.__type ?? parsed.code ?? '');
    } catch {
      code = '';
    }
  }
  // `aws.protocoltests#Code:http://...` and `Code:...` forms carry the code first.
  code = code.split(':')[0]?.split('#').pop() ?? '';
  return code === '' ? `Http${status}` : code;
}

export class UpstreamDataApi {
  private signer: SignatureV4 | null = null;
  private url: URL | null = null;
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 256 });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 256 });

  constructor(private readonly o: UpstreamOptions) {}

  private async setUp(): Promise<{ signer: SignatureV4; url: URL }> {
    if (this.signer && this.url) return { signer: this.signer, url: this.url };
    const config = this.o.data.config;
    const region = await config.region();
    const env = this.o.env ?? process.env;
    const endpoint =
      this.o.endpoint ??
      env.AWS_ENDPOINT_URL_REDSHIFT_DATA ??
      env.AWS_ENDPOINT_URL ??
      `https://redshift-data.${region}.amazonaws.com`;
    this.url = new URL(endpoint);
    this.signer = new SignatureV4({
      credentials: config.credentials,
      region,
      service: DATA_API_SIGNING_NAME,
      sha256: config.sha256,
    });
    return { signer: this.signer, url: this.url };
  }

  /** One attempt: sign, send, read the whole answer. */
  private async once(operation: string, body: string): Promise<ForwardedReply> {
    const { signer, url } = await this.setUp();
    const secure = url.protocol === 'https:';
    const port = url.port === '' ? undefined : Number(url.port);
    const signed = await signer.sign({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(port !== undefined ? { port } : {}),
      path: url.pathname === '' ? '/' : url.pathname,
      query: {},
      headers: {
        host: url.host,
        'content-type': AMZ_JSON_CONTENT_TYPE,
        'x-amz-target': `RedshiftData.${operation}`,
        'content-length': String(Buffer.byteLength(body)),
      },
      body,
    });
    return new Promise((resolve, reject) => {
      const send = secure ? httpsRequest : httpRequest;
      const req = send(
        {
          method: 'POST',
          hostname: url.hostname,
          port,
          path: signed.path,
          headers: signed.headers,
          agent: secure ? this.httpsAgent : this.httpAgent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 500;
            resolve({
              status,
              body: text,
              errorCode: errorCodeOf(status, res.headers, text),
              serviceMs: 0,
            });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  /**
   * Forwards one request; throttling and transient failures (answers or network errors) are
   * retried, and the last answer is returned. Network errors after the last attempt throw.
   */
  async forward(
    operation: string,
    input: Readonly<Record<string, unknown>>,
  ): Promise<ForwardedReply> {
    const body = JSON.stringify(input);
    const { limiter, retry } = this.o;
    const t0 = performance.now();
    const timed = (r: ForwardedReply): ForwardedReply => ({
      ...r,
      serviceMs: performance.now() - t0,
    });
    for (let attempt = 1; ; attempt++) {
      await limiter.take();
      let reply: ForwardedReply | null = null;
      let failure: unknown = null;
      try {
        reply = await this.once(operation, body);
      } catch (error) {
        failure = error;
      }
      const asError =
        failure ??
        (reply && reply.errorCode !== null
          ? { name: reply.errorCode, $metadata: { httpStatusCode: reply.status } }
          : null);
      if (asError === null && reply) {
        limiter.onSuccess();
        return timed(reply);
      }
      const kind = classifyError(asError);
      if (kind === 'fatal' || attempt >= retry.maxAttempts) {
        if (reply) return timed(reply);
        throw failure;
      }
      if (kind === 'throttling') limiter.onThrottle();
      retry.retries++;
      await sleep(retry.delayMs(attempt));
    }
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
