/**
 * Checks AWS Signature Version 4 on incoming requests against the access keys the operator
 * gave the gateway (never the gateway's own AWS credentials): the canonical request is
 * rebuilt from the headers the client says it signed, and the signature recomputed with the
 * secret of the client's access key id. Refusals carry the error codes the AWS front end
 * uses for JSON services.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ServiceError } from '../local/service-error.js';

const ALGORITHM = 'AWS4-HMAC-SHA256';
/** Requests dated further than this from the gateway's clock are refused (as AWS does). */
export const SIGNATURE_WINDOW_MS = 5 * 60 * 1000;

export interface SignedRequest {
  readonly method: string;
  /** Path and query as received, e.g. `/` or `/?a=b`. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export interface VerifiedCaller {
  readonly accessKeyId: string;
  readonly region: string;
  readonly service: string;
}

const sha256Hex = (data: string | Buffer): string =>
  createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer =>
  createHmac('sha256', key).update(data).digest();

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** RFC 3986 encoding as SigV4 wants it. */
function uriEncode(s: string): string {
  return encodeURIComponent(s).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function canonicalQuery(query: string): string {
  if (query === '') return '';
  return query
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=');
      const k = decodeURIComponent(eq === -1 ? p : p.slice(0, eq));
      const v = eq === -1 ? '' : decodeURIComponent(p.slice(eq + 1));
      return [uriEncode(k), uriEncode(v)] as const;
    })
    .sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function canonicalPath(path: string): string {
  return path
    .split('/')
    .map((seg) => uriEncode(decodeURIComponent(seg)))
    .join('/');
}

/** `20250101T000000Z` to epoch ms; NaN when malformed. */
function amzDateMs(amzDate: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return Date.UTC(y as number, (mo as number) - 1, d, h, mi, s);
}

const missing = (): ServiceError =>
  new ServiceError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
const incomplete = (what: string): ServiceError =>
  new ServiceError(
    'IncompleteSignatureException',
    `Authorization header requires '${what}' parameter.`,
    400,
  );
const badSignature = (): ServiceError =>
  new ServiceError(
    'InvalidSignatureException',
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    400,
  );

export class SigV4Verifier {
  constructor(
    /** Secret access key by access key id. */
    private readonly keys: ReadonlyMap<string, string>,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The caller of a correctly signed, fresh request.
   * @throws ServiceError (MissingAuthenticationTokenException, IncompleteSignatureException,
   *   UnrecognizedClientException, InvalidSignatureException) otherwise.
   */
  verify(req: SignedRequest): VerifiedCaller {
    const auth = headerValue(req.headers, 'authorization');
    if (auth === undefined || auth.trim() === '') throw missing();
    if (!auth.startsWith(`${ALGORITHM} `)) {
      throw new ServiceError(
        'IncompleteSignatureException',
        `Unsupported authorization type; only ${ALGORITHM} is accepted.`,
        400,
      );
    }
    const parts = new Map<string, string>();
    for (const p of auth.slice(ALGORITHM.length + 1).split(',')) {
      const eq = p.indexOf('=');
      if (eq > 0) parts.set(p.slice(0, eq).trim(), p.slice(eq + 1).trim());
    }
    const credential = parts.get('Credential');
    const signedHeaders = parts.get('SignedHeaders');
    const signature = parts.get('Signature');
    if (!credential) throw incomplete('Credential');
    if (!signedHeaders) throw incomplete('SignedHeaders');
    if (!signature) throw incomplete('Signature');
    const [accessKeyId, date, region, service, terminator] = credential.split('/');
    if (!accessKeyId || !date || !region || !service || terminator !== 'aws4_request') {
      throw new ServiceError(
        'IncompleteSignatureException',
        'Credential should be scoped to a valid region, a service and aws4_request.',
        400,
      );
    }
    const secret = this.keys.get(accessKeyId);
    if (secret === undefined) {
      throw new ServiceError(
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
        403,
      );
    }
    const amzDate = headerValue(req.headers, 'x-amz-date') ?? '';
    const signedAt = amzDateMs(amzDate);
    if (Number.isNaN(signedAt) || !amzDate.startsWith(date)) {
      throw new ServiceError(
        'IncompleteSignatureException',
        'The request must carry an X-Amz-Date header matching the credential scope date.',
        400,
      );
    }
    const nowMs = this.now();
    if (Math.abs(nowMs - signedAt) > SIGNATURE_WINDOW_MS) {
      const iso = (ms: number) => new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, '');
      throw new ServiceError(
        'InvalidSignatureException',
        `Signature expired: ${amzDate} is now earlier than ${iso(nowMs - SIGNATURE_WINDOW_MS)} (${iso(nowMs)} - 5 min.)`,
        400,
      );
    }
    const names = signedHeaders.split(';');
    if (!names.includes('host')) throw badSignature();
    const canonicalHeaders = names
      .map((n) => `${n}:${(headerValue(req.headers, n) ?? '').trim().replace(/\s+/g, ' ')}\n`)
      .join('');
    const q = req.url.indexOf('?');
    const path = q === -1 ? req.url : req.url.slice(0, q);
    const query = q === -1 ? '' : req.url.slice(q + 1);
    const canonical = [
      req.method,
      canonicalPath(path),
      canonicalQuery(query),
      canonicalHeaders,
      signedHeaders,
      sha256Hex(req.body),
    ].join('\n');
    const scope = `${date}/${region}/${service}/aws4_request`;
    const toSign = [ALGORITHM, amzDate, scope, sha256Hex(canonical)].join('\n');
    const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
    const expected = Buffer.from(hmac(key, toSign).toString('hex'));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw badSignature();
    return { accessKeyId, region, service };
  }
}
