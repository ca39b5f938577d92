/**
 * The template id a query text id belongs to. All variants of a template share one SLO,
 * so the SLO tables are keyed by template, zero-padded to three digits ('042').
 */

const DIGITS = /^\d+$/;

/**
 * Returns the template id of a query text id, or null when none can be read.
 *
 * Accepted forms: `schema#TTT#VVV` (the workload format), `TTT_VVV`, a bare template
 * (`'42'`, `'042'`) or an integer. Numeric templates are normalised to at least three
 * digits (`'42'` -> `'042'`, `'0042'` -> `'042'`, `'1234'` -> `'1234'`); a non-numeric
 * template token is returned as written, so custom tables keyed by name still match.
 */
export function templateIdOf(queryTextId: string | number | null | undefined): string | null {
  if (queryTextId === null || queryTextId === undefined) return null;
  if (typeof queryTextId === 'number') {
    return Number.isInteger(queryTextId) && queryTextId >= 0
      ? padTemplate(String(queryTextId))
      : null;
  }
  const text = queryTextId.trim();
  let token: string;
  if (text.includes('#')) {
    const parts = text.split('#');
    // `schema#TTT#VVV`; a two-part `schema#TTT` is read the same way.
    token = parts.length >= 2 ? (parts[1] ?? '') : '';
  } else if (text.includes('_')) {
    token = text.slice(0, text.indexOf('_'));
  } else {
    token = text;
  }
  if (token === '') return null;
  return DIGITS.test(token) ? padTemplate(token) : token;
}

function padTemplate(digits: string): string {
  const value = Number.parseInt(digits, 10);
  return String(value).padStart(3, '0');
}
