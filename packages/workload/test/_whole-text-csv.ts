/**
 * The CSV parser the workload reader used before it streamed through csv-parse: the whole
 * text at once (RFC 4180: quotes, doubled quotes, CRLF, BOM), as columns with each
 * record's line. Kept as the oracle the streamed read is compared with.
 */
import { InputError } from '@autoslo/config';

export interface CsvTable {
  readonly header: string[];
  /** One array of field text per header column. */
  readonly columns: string[][];
  /** 1-based line on which each data record starts. */
  readonly lines: number[];
}

/** @throws InputError for an empty file, a ragged record or an unterminated quote */
export function parseCsv(text: string, file: string): CsvTable {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  const lines: number[] = [];
  let line = 1;
  let i = 0;
  const n = src.length;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    for (;;) {
      let value = '';
      if (src[i] === '"') {
        i++;
        let closed = false;
        while (i < n) {
          const q = src.indexOf('"', i);
          if (q === -1) break;
          const chunk = src.slice(i, q);
          value += chunk;
          for (let k = 0; k < chunk.length; k++) if (chunk.charCodeAt(k) === 10) line++;
          if (src[q + 1] === '"') {
            value += '"';
            i = q + 2;
          } else {
            i = q + 1;
            closed = true;
            break;
          }
        }
        if (!closed) {
          throw new InputError({ file, line: startLine, message: 'unterminated quoted field' });
        }
      } else {
        let j = i;
        while (j < n) {
          const c = src.charCodeAt(j);
          if (c === 44 || c === 10 || c === 13) break;
          j++;
        }
        value = src.slice(i, j);
        i = j;
      }
      fields.push(value);
      if (src[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (src[i] === '\r') i++;
    if (src[i] === '\n') i++;
    else if (i < n) {
      throw new InputError({ file, line, message: 'text after a closing quote' });
    }
    line++;
    // Blank lines (a trailing newline, spacing) carry no record.
    if (fields.length === 1 && fields[0] === '') continue;
    records.push(fields);
    lines.push(startLine);
  }
  const [header, ...rows] = records;
  if (!header) throw new InputError({ file, message: 'file is empty (no header line)' });
  const headerLine = lines.shift() as number;
  const width = header.length;
  const columns = header.map(() => new Array<string>(rows.length));
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as string[];
    if (row.length !== width) {
      throw new InputError({
        file,
        line: lines[r] as number,
        message: `row ${r + 1} has ${row.length} fields but the header (line ${headerLine}) has ${width}`,
      });
    }
    for (let c = 0; c < width; c++) (columns[c] as string[])[r] = row[c] as string;
  }
  return { header: header.map((h) => h.trim()), columns, lines };
}
