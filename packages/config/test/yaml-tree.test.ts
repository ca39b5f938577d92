import { PyFloat, parseYamlTree } from '../src/index.js';

test('a single merge key; explicit keys win over merged ones', () => {
  const t = parseYamlTree('base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3\n');
  expect(t.problems).toEqual([]);
  expect(t.value).toEqual({ base: { x: 1, y: 2 }, use: { x: 1, y: 3 } });
});

test('a sequence merge: earlier maps win over later ones, explicit keys over all', () => {
  const text = [
    'a: &a {K: 1, S: a}',
    'b: &b {K: 2, N: 30, S: b}',
    'p:',
    '  <<: [*a, *b]',
    '  N: 7',
  ].join('\n');
  expect(parseYamlTree(text).value).toEqual({
    a: { K: 1, S: 'a' },
    b: { K: 2, N: 30, S: 'b' },
    p: { K: 1, N: 7, S: 'a' },
  });
});

test('merges nest inside anchors and inside list items', () => {
  const text = [
    'slo: &slo {KAPPA: 4}',
    'day: &day {<<: *slo, TARGET_DATE: "2024-05-27"}',
    'pt: &pt {label: x, rpu: 16}',
    'points:',
    '  - <<: *pt',
    '  - <<: *pt',
    '    rpu: 32',
    'params: {<<: *day, NUM_DAYS: 7}',
  ].join('\n');
  const v = parseYamlTree(text).value as Record<string, unknown>;
  expect(v.params).toEqual({ KAPPA: 4, TARGET_DATE: '2024-05-27', NUM_DAYS: 7 });
  expect(v.points).toEqual([
    { label: 'x', rpu: 16 },
    { label: 'x', rpu: 32 },
  ]);
});

test('aliases are expanded into independent plain copies', () => {
  const v = parseYamlTree('a: &a {x: [1]}\nb: *a\n').value as Record<string, { x: number[] }>;
  expect(v.b).toEqual({ x: [1] });
  v.b?.x.push(2);
  expect(v.a?.x).toEqual([1]);
});

test('a quoted "<<" is an ordinary key', () => {
  expect(parseYamlTree('"<<": 1\n').value).toEqual({ '<<': 1 });
});

test('locations follow aliases to where the value is written', () => {
  const text = 'locals:\n  w: &w\n    name: x\n    rf: 2\nmain:\n  - wl: *w\n';
  const t = parseYamlTree(text);
  const loc = t.locate(['main', 0, 'wl', 'rf']);
  expect(loc?.exact).toBe(true);
  expect(text.slice(loc?.location.value[0], loc?.location.value[1])).toBe('2');
  expect(text.slice(loc?.location.key?.[0], loc?.location.key?.[1])).toBe('rf');
  // A missing key resolves to its nearest existing ancestor.
  const missing = t.locate(['main', 0, 'wl', 'nope']);
  expect(missing?.exact).toBe(false);
  expect(text.slice(missing?.location.value[0] ?? 0).startsWith('name: x')).toBe(true);
});

test('integral floats under params become PyFloat; elsewhere they stay numbers', () => {
  const t = parseYamlTree('params: {A: 300.0, B: 300, C: [1.0, 2], D: 0.5}\nother: 300.0\n', {
    markFloatsUnder: 'params',
  });
  const v = t.value as { params: Record<string, unknown>; other: unknown };
  expect(v.params.A).toEqual(new PyFloat(300));
  expect(v.params.B).toBe(300);
  expect(v.params.C).toEqual([new PyFloat(1), 2]);
  expect(v.params.D).toBe(0.5);
  expect(v.other).toBe(300);
});

test('an empty document is an empty mapping; YAML 1.2 keeps dates as strings', () => {
  expect(parseYamlTree('').value).toEqual({});
  expect(parseYamlTree('# only a comment\n').value).toEqual({});
  expect(parseYamlTree('d: 2024-05-27\nb: False\n').value).toEqual({ d: '2024-05-27', b: false });
});

test('syntax problems, duplicate keys, bad merges and unknown aliases are reported with offsets', () => {
  expect(parseYamlTree('a: [1, 2\n').problems.length).toBeGreaterThan(0);
  expect(parseYamlTree('a: 1\na: 2\n').problems).toEqual([
    { offset: 5, message: "duplicate key 'a'" },
  ]);
  expect(parseYamlTree('a:\n  <<: 5\n').problems).toEqual([
    { offset: 9, message: 'a merge key (<<) needs a mapping or a list of mappings' },
  ]);
  expect(parseYamlTree('a: *nope\n').problems.length).toBe(1);
});

test('a key named __proto__ is data, not a prototype', () => {
  const v = parseYamlTree('__proto__: {polluted: 1}\n').value as Record<string, unknown>;
  expect(Object.keys(v)).toEqual(['__proto__']);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});
