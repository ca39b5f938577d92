import { applyOverrides, InputError } from '../src/index.js';

test('a dotted override replaces the leaf and leaves the input alone', () => {
  const doc = { a: { b: { c: 1, d: 2 } }, e: [1] };
  const out = applyOverrides(doc, { 'a.b.c': 9 });
  expect(out).toEqual({ a: { b: { c: 9, d: 2 } }, e: [1] });
  expect(doc.a.b.c).toBe(1);
});

test('a mapping replaces the whole subtree, never merged', () => {
  const out = applyOverrides(
    { w: { name: 'x', target_date: '2024-05-27', rf: 1 } },
    {
      w: { name: 'y' },
    },
  );
  expect(out).toEqual({ w: { name: 'y' } });
});

test('missing intermediate mappings are created; overrides apply in order', () => {
  expect(applyOverrides({}, { 'a.b': 1, 'a.c': 2 })).toEqual({ a: { b: 1, c: 2 } });
  expect(applyOverrides({ a: null }, { 'a.b': 1 })).toEqual({ a: { b: 1 } });
});

test('the override value is copied, so later changes do not leak in', () => {
  const value = { sizes: [16] };
  const out = applyOverrides({}, { x: value });
  value.sizes.push(32);
  expect(out).toEqual({ x: { sizes: [16] } });
});

test('overriding inside a scalar or with an empty segment is an InputError', () => {
  expect(() => applyOverrides({ a: 1 }, { 'a.b': 2 })).toThrow(InputError);
  expect(() => applyOverrides({}, { 'a..b': 2 })).toThrow(InputError);
});
