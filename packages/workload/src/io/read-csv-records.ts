/**
 * Streams the records of a CSV file (RFC 4180: quotes, doubled quotes, CRLF or LF, BOM)
 * through csv-parse, one record at a time with the line it starts on, so a file of any
 * size is never held as one string. Parse errors become `InputError`s naming the line.
 */
import { createReadStream } from 'node:fs';
import { InputError } from '@autoslo/config';
import { CsvError, parse } from 'csv-parse';

// csv-parse's codes for malformed quoting, in this project's words.
const QUOTE_MESSAGES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'unterminated quoted field',
  CSV_INVALID_CLOSING_QUOTE: 'text after a closing quote',
  INVALID_OPENING_QUOTE: 'a quote inside an unquoted field (quote the whole field)',
};

/** Line breaks inside a record's (quoted) fields. */
function breaksIn(fields: string[]): number {
  let n = 0;
  for (const f of fields) {
    for (let i = f.indexOf('\n'); i !== -1; i = f.indexOf('\n', i + 1)) n++;
  }
  return n;
}

/**
 * Calls `onRecord` with each record of `file` in order, from the stream's data events (an
 * async iterator or generator costs several promise turns per record, more than the
 * parse); blank lines carry no record.
 * @throws InputError naming the line a malformed record starts on, or what `onRecord` throws
 */
export function readCsvRecords(
  file: string,
  onRecord: (fields: string[], line: number) => void,
): Promise<void> {
  // Every line ends a record (a blank line gives one empty field), so a record starts on
  // the line after the previous one ended. Data events arrive as the parser emits, so at
  // a parse error `line` is where the bad record starts.
  let line = 1;
  return new Promise((resolve, reject) => {
    const input = createReadStream(file);
    const parser = parse({
      bom: true,
      // Ragged records are reported by the caller, which knows the header.
      relax_column_count: true,
      // LF and CRLF may be mixed; csv-parse would otherwise guess one from the first line.
      record_delimiter: ['\r\n', '\n'],
    });
    let failed = false;
    const fail = (error: unknown): void => {
      if (failed) return;
      failed = true;
      input.destroy();
      parser.destroy();
      reject(
        error instanceof CsvError
          ? new InputError({
              file,
              line,
              message: QUOTE_MESSAGES[error.code] ?? `not readable as CSV (${error.message})`,
            })
          : error,
      );
    };
    parser.on('data', (fields: string[]) => {
      const at = line;
      line += 1 + breaksIn(fields);
      if (failed || (fields.length === 1 && fields[0] === '')) return;
      try {
        onRecord(fields, at);
      } catch (error) {
        fail(error);
      }
    });
    parser.on('error', fail);
    parser.on('end', () => resolve());
    input.on('error', fail);
    input.pipe(parser);
  });
}

/** The text of some columns of a CSV file, with the line each row starts on. */
export interface CsvTextColumns {
  readonly length: number;
  readonly columns: Map<string, string[]>;
  readonly lines: number[];
}

/**
 * Streams `file` and keeps only the columns `pick` names from its header (`pick` may throw
 * an `InputError` for a header that lacks what the caller requires).
 * @throws InputError for an empty file, a row whose width differs from the header's, or what
 *   `readCsvRecords` and `pick` throw
 */
export async function readCsvColumns(
  file: string,
  pick: (header: readonly string[]) => readonly string[],
): Promise<CsvTextColumns> {
  let headerLine = 0;
  let width = 0;
  let picks: [string, number][] = [];
  let texts: string[][] = [];
  const lines: number[] = [];
  await readCsvRecords(file, (fields, line) => {
    if (headerLine === 0) {
      headerLine = line;
      const header = fields.map((h) => h.trim());
      width = header.length;
      picks = pick(header).map((c) => [c, header.indexOf(c)]);
      texts = picks.map(() => []);
      return;
    }
    if (fields.length !== width) {
      throw new InputError({
        file,
        line,
        message: `row ${lines.length + 1} has ${fields.length} fields but the header (line ${headerLine}) has ${width}`,
      });
    }
    for (let k = 0; k < picks.length; k++)
      (texts[k] as string[]).push(fields[(picks[k] as [string, number])[1]] as string);
    lines.push(line);
  });
  if (headerLine === 0) throw new InputError({ file, message: 'file is empty (no header line)' });
  return {
    length: lines.length,
    columns: new Map(picks.map(([c], k) => [c, texts[k] as string[]])),
    lines,
  };
}
