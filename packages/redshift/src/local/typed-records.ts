/** Postgres results as the Data API returns them: column metadata and typed `Field` records. */
import type { EngineField, EngineValue } from './sql-engine.js';

/** JSON form of the Data API `Field` union: exactly one member is set. */
export type FieldJson =
  | { isNull: true }
  | { booleanValue: boolean }
  | { longValue: number | bigint }
  /** NaN and the infinities are the strings the service sends. */
  | { doubleValue: number | 'NaN' | 'Infinity' | '-Infinity' }
  | { stringValue: string }
  | { blobValue: string };

export interface ColumnMetadataJson {
  name: string;
  label: string;
  typeName: string;
  nullable: number;
  isSigned: boolean;
  isCaseSensitive: boolean;
  isCurrency: boolean;
  precision: number;
  scale: number;
  length: number;
  schemaName: string;
  tableName: string;
}

interface TypeInfo {
  name: string;
  kind: 'long' | 'double' | 'boolean' | 'blob' | 'string';
  precision: number;
  signed: boolean;
}

// Type names as Redshift reports them in ColumnMetadata.typeName.
const TYPES: Record<number, TypeInfo> = {
  16: { name: 'bool', kind: 'boolean', precision: 1, signed: false },
  17: { name: 'bytea', kind: 'blob', precision: 2147483647, signed: false },
  20: { name: 'int8', kind: 'long', precision: 19, signed: true },
  21: { name: 'int2', kind: 'long', precision: 5, signed: true },
  23: { name: 'int4', kind: 'long', precision: 10, signed: true },
  26: { name: 'oid', kind: 'long', precision: 10, signed: false },
  700: { name: 'float4', kind: 'double', precision: 8, signed: true },
  701: { name: 'float8', kind: 'double', precision: 17, signed: true },
  1700: { name: 'numeric', kind: 'string', precision: 38, signed: true },
  25: { name: 'text', kind: 'string', precision: 2147483647, signed: false },
  1043: { name: 'varchar', kind: 'string', precision: 65535, signed: false },
  1042: { name: 'bpchar', kind: 'string', precision: 4096, signed: false },
  19: { name: 'name', kind: 'string', precision: 64, signed: false },
  1082: { name: 'date', kind: 'string', precision: 13, signed: false },
  1114: { name: 'timestamp', kind: 'string', precision: 29, signed: false },
  1184: { name: 'timestamptz', kind: 'string', precision: 35, signed: false },
  1083: { name: 'time', kind: 'string', precision: 15, signed: false },
  1266: { name: 'timetz', kind: 'string', precision: 21, signed: false },
  1186: { name: 'interval', kind: 'string', precision: 49, signed: false },
};

const INTEGER_TEXT = /^-?\d+$/;

/** A double as the Data API's JSON carries it: NaN and the infinities as strings. */
function doubleField(value: number): FieldJson {
  if (Number.isNaN(value)) return { doubleValue: 'NaN' };
  if (value === Number.POSITIVE_INFINITY) return { doubleValue: 'Infinity' };
  if (value === Number.NEGATIVE_INFINITY) return { doubleValue: '-Infinity' };
  return { doubleValue: value };
}

function typeInfo(oid: number): TypeInfo {
  return TYPES[oid] ?? { name: `oid:${oid}`, kind: 'string', precision: 0, signed: false };
}

const NUMERIC_OID = 1700;

/** Precision and scale of a `numeric(p,s)` column from its type modifier, else the defaults. */
function precisionAndScale(f: EngineField, t: TypeInfo): { precision: number; scale: number } {
  const mod = f.typeModifier ?? -1;
  if (f.dataTypeID !== NUMERIC_OID || mod < 4) return { precision: t.precision, scale: 0 };
  return { precision: ((mod - 4) >> 16) & 0xffff, scale: (mod - 4) & 0xffff };
}

export function columnMetadata(fields: readonly EngineField[]): ColumnMetadataJson[] {
  return fields.map((f) => {
    const t = typeInfo(f.dataTypeID);
    const { precision, scale } = precisionAndScale(f, t);
    return {
      name: f.name,
      label: f.name,
      typeName: t.name,
      nullable: 1,
      isSigned: t.signed,
      isCaseSensitive: t.kind === 'string',
      isCurrency: false,
      precision,
      scale,
      length: 0,
      schemaName: '',
      tableName: '',
    };
  });
}

function stringOf(value: EngineValue): string {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  return String(value);
}

export function toField(value: EngineValue, oid: number): FieldJson {
  if (value === null) return { isNull: true };
  const kind = typeInfo(oid).kind;
  if (kind === 'boolean' && typeof value === 'boolean') return { booleanValue: value };
  if (kind === 'long') {
    // Every int8 is a longValue; beyond 2^53 as a bigint, written as exact JSON digits.
    if (typeof value === 'number' || typeof value === 'bigint') return { longValue: value };
    if (typeof value === 'string' && INTEGER_TEXT.test(value)) {
      const n = BigInt(value);
      return { longValue: Number.isSafeInteger(Number(n)) ? Number(n) : n };
    }
  }
  if (kind === 'double' && typeof value === 'number') return doubleField(value);
  if (kind === 'blob' && value instanceof Uint8Array) {
    return { blobValue: Buffer.from(value).toString('base64') };
  }
  return { stringValue: stringOf(value) };
}

export function toRecords(
  fields: readonly EngineField[],
  rows: readonly (readonly EngineValue[])[],
): FieldJson[][] {
  return rows.map((row) => row.map((v, i) => toField(v, fields[i]?.dataTypeID ?? 25)));
}

/** Bytes of the result as text, the way `ResultSize` counts it. */
export function resultSizeBytes(rows: readonly (readonly EngineValue[])[]): number {
  let bytes = 0;
  for (const row of rows) {
    for (const v of row) {
      if (v === null) continue;
      bytes += v instanceof Uint8Array ? v.byteLength : Buffer.byteLength(String(v));
    }
  }
  return bytes;
}

function csvField(value: EngineValue): string {
  if (value === null) return '';
  const text = value instanceof Uint8Array ? Buffer.from(value).toString('hex') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 lines (CSV results of GetStatementResultV2); NULL is an empty field. */
export function toCsv(rows: readonly (readonly EngineValue[])[]): string {
  return rows.map((row) => `${row.map(csvField).join(',')}\n`).join('');
}
