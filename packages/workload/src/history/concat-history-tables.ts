/**
 * Several histories as one (e.g. the SYS_QUERY_HISTORY of each workgroup of a warehouse), so
 * one import numbers their templates together. A column one table lacks is null there.
 */
import type { HistoryTable } from './read-history-file.js';

export function concatHistoryTables(tables: readonly HistoryTable[]): HistoryTable {
  if (tables.length === 1) return tables[0] as HistoryTable;
  const names = [...new Set(tables.flatMap((t) => [...t.columns.keys()]))];
  const length = tables.reduce((n, t) => n + t.length, 0);
  const columns = new Map<string, ArrayLike<unknown>>();
  for (const name of names) {
    const out = new Array<unknown>(length);
    let at = 0;
    for (const t of tables) {
      const c = t.columns.get(name);
      for (let i = 0; i < t.length; i++) out[at++] = c ? c[i] : null;
    }
    columns.set(name, out);
  }
  return { source: tables.map((t) => t.source).join(' + '), length, columns, lines: null };
}
