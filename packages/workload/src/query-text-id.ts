/** The `<schema>#<TTT>#<VVV>` query text id shared with the reference. */

export interface QueryTextIdParts {
  schema: string;
  /** 1-based TPC-DS style template number. */
  template: number;
  variant: number;
}

const QUERY_TEXT_ID = /^([^#]+)#(\d+)#(\d+)$/;

/** `tpcds#042#001` from its parts (numbers zero-padded to 3 digits). */
export function formatQueryTextId(schema: string, template: number, variant: number): string {
  return `${schema}#${String(template).padStart(3, '0')}#${String(variant).padStart(3, '0')}`;
}

/** The parts of a query text id, or null when it has not the `<schema>#<T>#<V>` form. */
export function parseQueryTextId(id: string): QueryTextIdParts | null {
  const m = QUERY_TEXT_ID.exec(id);
  if (!m) return null;
  return { schema: m[1] as string, template: Number(m[2]), variant: Number(m[3]) };
}

/** The schema part (text before the first `#`), the whole id when there is no `#`. */
export function schemaOf(id: string): string {
  const hash = id.indexOf('#');
  return hash === -1 ? id : id.slice(0, hash);
}
