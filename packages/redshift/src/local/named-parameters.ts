/** Data API parameters are named (`:name`); Postgres wants positional `$1`. */
import { validation } from './service-error.js';

export interface SqlParameterJson {
  name?: unknown;
  value?: unknown;
}

/**
 * Rewrites `:name` placeholders to `$n`, skipping quoted text, comments and `::` casts.
 * Every placeholder must have a parameter and every parameter must be used, as the service asks.
 */
export function bindNamedParameters(
  sql: string,
  parameters: readonly SqlParameterJson[] | undefined,
): { text: string; values: string[] | undefined } {
  if (!parameters || parameters.length === 0) return { text: sql, values: undefined };
  const byName = new Map<string, string>();
  for (const p of parameters) {
    if (
      typeof p !== 'object' ||
      p === null ||
      typeof p.name !== 'string' ||
      typeof p.value !== 'string' ||
      p.name === ''
    ) {
      throw validation('Each parameter needs a string name and a string value.');
    }
    byName.set(p.name, p.value);
  }
  const order: string[] = [];
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    const next = sql[i + 1];
    if (c === "'" || c === '"') {
      const end = sql.indexOf(c, i + 1);
      const stop = end === -1 ? sql.length : end + 1;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === ':' && next === ':') {
      out += '::';
      i += 2;
    } else if (c === ':' && next !== undefined && /[A-Za-z_]/.test(next)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1));
      const name = match?.[0] ?? '';
      if (!byName.has(name)) throw validation(`No value was given for the parameter :${name}.`);
      let index = order.indexOf(name);
      if (index === -1) index = order.push(name) - 1;
      out += `$${index + 1}`;
      i += 1 + name.length;
    } else {
      out += c;
      i += 1;
    }
  }
  const unused = [...byName.keys()].filter((n) => !order.includes(n));
  if (unused.length > 0) {
    throw validation(`The parameter ${unused.join(', ')} is not used in the SQL statement.`);
  }
  return { text: out, values: order.map((n) => byName.get(n) as string) };
}
