import {
  normalizeSqlText,
  QUERY_TEXT_LIMIT,
  sameTemplatePrefix,
  sqlFingerprint,
} from '../src/index.js';

describe('SQL normalisation', () => {
  it('maps statements that differ only in literals, whitespace, comments and IN lists together', () => {
    const a = sqlFingerprint(
      "-- run 1\nSELECT a, b FROM t WHERE x = 42 AND s = 'it''s' AND k IN (1, 2, 3) /* note */",
    );
    const b = sqlFingerprint("select a,b\n  from T where X=7.5e3 and s='other' and k in (9)");
    expect(a).toBe(b);
    expect(sqlFingerprint('SELECT a FROM t WHERE x = 1')).not.toBe(
      sqlFingerprint('SELECT b FROM t WHERE x = 1'),
    );
    expect(
      normalizeSqlText('SELECT "Mixed" FROM t WHERE d = DATE \'2024-01-01\' AND v::int = $1').text,
    ).toBe('select "Mixed" from t where d=date ? and v::int=?');
  });

  it('maps texts cut at 4,000 characters onto the whole statement stably', () => {
    const list = (n: number, from: number) =>
      Array.from({ length: n }, (_, i) => from + i).join(', ');
    const whole = `SELECT c FROM t WHERE k IN (${list(5, 1)}) AND z = 1`;
    const long1 = `SELECT c FROM t WHERE k IN (${list(2000, 100000)}) AND z = 1`.slice(
      0,
      QUERY_TEXT_LIMIT,
    );
    const long2 = `SELECT c FROM t WHERE k IN (${list(1500, 7)}) AND z = 1`.slice(
      0,
      QUERY_TEXT_LIMIT,
    );
    const n1 = normalizeSqlText(long1);
    const n2 = normalizeSqlText(long2);
    expect(n1.truncated).toBe(true);
    expect(n1.text).toBe(n2.text);
    expect(sameTemplatePrefix(n1.text, normalizeSqlText(whole).text)).toBe(true);
    const cutWord =
      `SELECT c FROM t WHERE k = 1 ${' '.repeat(QUERY_TEXT_LIMIT)}`.slice(0, QUERY_TEXT_LIMIT - 3) +
      'ORD';
    expect(
      sameTemplatePrefix(
        normalizeSqlText(cutWord).text,
        normalizeSqlText('SELECT c FROM t WHERE k = 2 ORDER BY c').text,
      ),
    ).toBe(true);
  });
});
