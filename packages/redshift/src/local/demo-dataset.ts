/**
 * A small, deterministic star schema in database `dev`, created on first use, that the demo
 * query texts (`data/query_texts/tpcds/<TTT>.sql`) read. Values come from multiplicative
 * hashes of the row number, never from random(), so every Postgres builds the same data.
 * Each statement is idempotent: tables are created if missing and filled only when empty.
 */
export const DEMO_DATABASE = 'dev';

/** Row counts of the demo tables. */
export const DEMO_SIZES = {
  dates: 730,
  items: 2_000,
  stores: 50,
  customers: 10_000,
  sales: 100_000,
} as const;

const h = (expr: string, mod: number) => `((${expr})::bigint * 2654435761 % ${mod})::int`;

/** The statements that create and fill the dataset, in order. */
export function demoDatasetSql(): string[] {
  const s = DEMO_SIZES;
  return [
    `CREATE TABLE IF NOT EXISTS demo_date_dim (d_date_sk integer PRIMARY KEY, d_date date,
      d_year integer, d_moy integer, d_dow integer)`,
    `INSERT INTO demo_date_dim
      SELECT i, DATE '2023-01-01' + (i - 1), EXTRACT(YEAR FROM DATE '2023-01-01' + (i - 1))::int,
        EXTRACT(MONTH FROM DATE '2023-01-01' + (i - 1))::int,
        EXTRACT(DOW FROM DATE '2023-01-01' + (i - 1))::int
      FROM generate_series(1, ${s.dates}) AS i
      WHERE NOT EXISTS (SELECT 1 FROM demo_date_dim)`,
    `CREATE TABLE IF NOT EXISTS demo_item (i_item_sk integer PRIMARY KEY, i_category text,
      i_brand text, i_price numeric(7,2))`,
    `INSERT INTO demo_item
      SELECT i, 'category_' || ${h('i', 12)}, 'brand_' || ${h('i + 7', 97)},
        (1 + ${h('i + 3', 20000)} / 100.0)::numeric(7,2)
      FROM generate_series(1, ${s.items}) AS i
      WHERE NOT EXISTS (SELECT 1 FROM demo_item)`,
    `CREATE TABLE IF NOT EXISTS demo_store (s_store_sk integer PRIMARY KEY, s_state text,
      s_size integer)`,
    `INSERT INTO demo_store
      SELECT i, 'state_' || ${h('i', 17)}, 10 + ${h('i + 1', 90)}
      FROM generate_series(1, ${s.stores}) AS i
      WHERE NOT EXISTS (SELECT 1 FROM demo_store)`,
    `CREATE TABLE IF NOT EXISTS demo_customer (c_customer_sk integer PRIMARY KEY,
      c_birth_year integer, c_state text)`,
    `INSERT INTO demo_customer
      SELECT i, 1940 + ${h('i', 65)}, 'state_' || ${h('i + 5', 17)}
      FROM generate_series(1, ${s.customers}) AS i
      WHERE NOT EXISTS (SELECT 1 FROM demo_customer)`,
    `CREATE TABLE IF NOT EXISTS demo_sales (ss_sale_sk integer PRIMARY KEY,
      ss_sold_date_sk integer, ss_item_sk integer, ss_store_sk integer,
      ss_customer_sk integer, ss_quantity integer, ss_price numeric(7,2))`,
    `INSERT INTO demo_sales
      SELECT i, 1 + ${h('i', s.dates)}, 1 + ${h('i + 11', s.items)}, 1 + ${h('i + 13', s.stores)},
        1 + ${h('i + 17', s.customers)}, 1 + ${h('i + 19', 20)},
        (1 + ${h('i + 23', 20000)} / 100.0)::numeric(7,2)
      FROM generate_series(1, ${s.sales}) AS i
      WHERE NOT EXISTS (SELECT 1 FROM demo_sales)`,
    'ANALYZE',
  ];
}
