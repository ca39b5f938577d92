/** GetStatementResult(V2) pages and ListStatements, read from the statement records. */
import {
  decodeToken,
  encodeToken,
  type JsonObject,
  optionalInteger,
  optionalString,
} from './json-input.js';
import { validation } from './service-error.js';
import { listEntryJson, type StatementRecord, type SubStatement } from './statement-record.js';
import { columnMetadata, toCsv, toRecords } from './typed-records.js';

/** One page of a finished statement's result, as JSON records or as CSV. */
export function statementResult(
  id: string,
  { rec, sub: found }: { rec: StatementRecord; sub: SubStatement | null },
  input: JsonObject,
  format: 'JSON' | 'CSV',
  pageRows: number,
): JsonObject {
  if (rec.isBatch && !found) {
    throw validation(
      `Statement ${id} is a batch; get the result of a sub-statement (${id}:1 ...).`,
    );
  }
  const sub = found ?? (rec.subs[0] as SubStatement);
  if (rec.resultFormat !== format) {
    throw validation(
      format === 'JSON'
        ? 'The statement asked for CSV results; use GetStatementResultV2.'
        : 'The statement asked for JSON results; use GetStatementResult.',
    );
  }
  if (sub.status !== 'FINISHED') {
    throw validation(
      `Query ${id} has no result: its status is ${sub.status}. Check it with DescribeStatement.`,
    );
  }
  if (!sub.hasResultSet) throw validation(`Query ${id} does not have result.`);
  const offset = decodeToken(optionalString(input, 'NextToken'));
  const end = offset + pageRows;
  const page = sub.rows.slice(offset, end);
  const next = end < sub.rows.length ? { NextToken: encodeToken(end) } : {};
  if (format === 'CSV') {
    // The first page starts with the header line of column names.
    const header = offset === 0 ? [sub.fields.map((f) => f.name)] : [];
    return {
      Records: [{ CSVRecords: toCsv([...header, ...page]) }],
      ColumnMetadata: columnMetadata(sub.fields),
      TotalNumRows: sub.rowCount,
      ResultFormat: 'CSV',
      ...next,
    };
  }
  return {
    Records: toRecords(sub.fields, page),
    ColumnMetadata: columnMetadata(sub.fields),
    TotalNumRows: sub.rowCount,
    ...next,
  };
}

/** Statements newest first, filtered by status, name prefix, workgroup and database, paged. */
export function listStatements(all: Iterable<StatementRecord>, input: JsonObject): JsonObject {
  const status = optionalString(input, 'Status') ?? 'ALL';
  const name = optionalString(input, 'StatementName');
  const workgroup = optionalString(input, 'WorkgroupName');
  const database = optionalString(input, 'Database');
  const limit = optionalInteger(input, 'MaxResults', 0, 100) || 100;
  const offset = decodeToken(optionalString(input, 'NextToken'));
  const matches = [...all]
    .filter(
      (s) =>
        (status === 'ALL' || s.status === status) &&
        (name === undefined || (s.statementName ?? '').startsWith(name)) &&
        (workgroup === undefined || s.workgroupName === workgroup) &&
        (database === undefined || s.database === database),
    )
    .reverse();
  const page = matches.slice(offset, offset + limit);
  return {
    Statements: page.map(listEntryJson),
    ...(offset + limit < matches.length ? { NextToken: encodeToken(offset + limit) } : {}),
  };
}
