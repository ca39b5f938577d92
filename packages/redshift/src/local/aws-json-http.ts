/**
 * The HTTP side of the AWS JSON 1.1 protocol, shared by the local endpoint and the gateway:
 * reading a request body, parsing it, and answering with a body or with the service's error
 * shape (`{ "__type": "<Code>", "message": "..." }` and `x-amzn-errortype`).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JsonObject } from './json-input.js';
import { ServiceError } from './service-error.js';

export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** `X-Amz-Target: <Service>.<Operation>`. */
export const AMZ_TARGET = /^(RedshiftData|RedshiftServerless)\.([A-Za-z0-9]+)$/;

export const AMZ_JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

/** Answers with an already serialised body (a gateway passes a service's answer on as is). */
export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  errorType?: string | null,
): void {
  res.writeHead(status, {
    'content-type': AMZ_JSON_CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  res.end(text);
}

/**
 * Marks a bigint inside JSON text until it is written as bare digits: a NUL character,
 * which no Postgres text value holds, appears escaped as `\u0000` in the JSON.
 */
const BIGINT_MARK = '\u0000bigint:';
const BIGINT_TEXT = /"\\u0000bigint:(-?\d+)"/g;

/** JSON text in which bigints (int8 beyond 2^53) are exact numbers, as the service writes them. */
export function toJsonText(body: unknown): string {
  let sawBigint = false;
  const text = JSON.stringify(body, (_key, v: unknown) => {
    if (typeof v !== 'bigint') return v;
    sawBigint = true;
    return `${BIGINT_MARK}${v}`;
  });
  return sawBigint ? text.replace(BIGINT_TEXT, '$1') : text;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: JsonObject,
  errorType?: string,
): void {
  sendText(res, status, toJsonText(body), errorType);
}

export function sendServiceError(res: ServerResponse, error: ServiceError): void {
  sendJson(res, error.status, { __type: error.code, message: error.message }, error.code);
}

/** The body as bytes; past `MAX_BODY_BYTES` the rest is read and dropped, then refused. */
export function readBodyBytes(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Keep reading (and dropping) so the client can still receive the error.
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) {
        reject(new ServiceError('SerializationException', 'The request body is too large.', 413));
      } else resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

export async function readBody(req: IncomingMessage): Promise<string> {
  return (await readBodyBytes(req)).toString('utf8');
}

export function parseInput(body: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = body.trim() === '' ? {} : JSON.parse(body);
  } catch {
    throw new ServiceError('SerializationException', 'The request body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ServiceError('SerializationException', 'The request body must be a JSON object.');
  }
  return parsed as JsonObject;
}
