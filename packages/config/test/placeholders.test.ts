import { PyFloat, substitutePlaceholders } from '../src/index.js';

test('placeholders are replaced textually with Python str() of the value', () => {
  const text = 'a: "<TARGET_DATE>"\nb: <INITIAL_RPU>\nc: "x_k<KAPPA>.yml"\nd: <W>\n';
  const s = substitutePlaceholders(text, {
    TARGET_DATE: '2024-05-27',
    INITIAL_RPU: [32, 32],
    KAPPA: 4,
    W: new PyFloat(300),
  });
  expect(s.text).toBe('a: "2024-05-27"\nb: [32, 32]\nc: "x_k4.yml"\nd: 300.0\n');
  expect(s.unresolved).toEqual([]);
  expect([...s.used].sort()).toEqual(['INITIAL_RPU', 'KAPPA', 'TARGET_DATE', 'W']);
});

test('every unresolved placeholder is listed with its offset; lowercase is not a placeholder', () => {
  const text = 'a: <A>\nb: <B> <A>\nc: <schema>#<001>\n';
  const s = substitutePlaceholders(text, { B: 1 });
  expect(s.unresolved).toEqual([
    { name: 'A', offset: 3 },
    { name: 'A', offset: 14 },
  ]);
  expect(s.text).toBe('a: <A>\nb: 1 <A>\nc: <schema>#<001>\n');
});

test('offsets in the substituted text map back to the original', () => {
  const text = 'x: <LONG_NAME> y\nz: 1';
  const s = substitutePlaceholders(text, { LONG_NAME: 7 });
  expect(s.text).toBe('x: 7 y\nz: 1');
  expect(s.originalOffset(0)).toBe(0);
  expect(s.originalOffset(3)).toBe(3); // the replacement maps to the placeholder's '<'
  expect(s.originalOffset(5)).toBe(15); // 'y'
  expect(s.originalOffset(7)).toBe(17); // 'z'
});
