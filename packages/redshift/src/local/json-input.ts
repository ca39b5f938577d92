/** Reading members of a request body, with the service's ValidationException on bad input. */
import { validation } from './service-error.js';

export type JsonObject = Record<string, unknown>;

export function requiredString(input: JsonObject, key: string): string {
  const v = input[key];
  if (typeof v !== 'string' || v === '') {
    throw validation(
      `1 validation error detected: Value at '${key}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return v;
}

export function optionalString(input: JsonObject, key: string): string | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw validation(`'${key}' must be a string.`);
  return v;
}

export function optionalInteger(
  input: JsonObject,
  key: string,
  min: number,
  max: number,
): number | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw validation(`'${key}' must be an integer between ${min} and ${max}.`);
  }
  return v;
}

export function optionalBoolean(input: JsonObject, key: string): boolean | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw validation(`'${key}' must be a boolean.`);
  return v;
}

export function optionalArray(input: JsonObject, key: string): unknown[] | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw validation(`'${key}' must be a list.`);
  return v;
}

/** Opaque pagination token: the offset into a listing. */
export function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64');
}

export function decodeToken(token: string | undefined): number {
  if (token === undefined) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as {
      offset?: unknown;
    };
    if (
      typeof parsed.offset === 'number' &&
      Number.isInteger(parsed.offset) &&
      parsed.offset >= 0
    ) {
      return parsed.offset;
    }
  } catch {
    // fall through to the service's error
  }
  throw validation('The NextToken is not valid.');
}

/** Timestamps travel as epoch seconds in AWS JSON 1.1. */
export const epochSeconds = (ms: number): number => ms / 1000;
