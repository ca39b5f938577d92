import {
  formatParamValue,
  InputError,
  PyFloat,
  parseParamFlags,
  pythonFixed,
  pythonFloatRepr,
  pythonStrRepr,
} from '../src/index.js';

test('params print as Python str() does', () => {
  expect(formatParamValue(4)).toBe('4');
  expect(formatParamValue(0.05)).toBe('0.05');
  expect(formatParamValue(new PyFloat(300))).toBe('300.0');
  expect(formatParamValue([32, 32])).toBe('[32, 32]');
  expect(formatParamValue([16])).toBe('[16]');
  expect(formatParamValue(true)).toBe('True');
  expect(formatParamValue(false)).toBe('False');
  expect(formatParamValue(null)).toBe('None');
  expect(formatParamValue('2024-05-27')).toBe('2024-05-27');
  expect(formatParamValue(['a', new PyFloat(1), 0.5, true, null])).toBe(
    "['a', 1.0, 0.5, True, None]",
  );
  expect(formatParamValue({ a: 1, b: 'x' })).toBe("{'a': 1, 'b': 'x'}");
  expect(formatParamValue([[16], [32, 32]])).toBe('[[16], [32, 32]]');
});

test('floats follow repr(): shortest digits, exponent outside 1e-4 .. 1e16', () => {
  expect(pythonFloatRepr(0.16666667)).toBe('0.16666667');
  expect(pythonFloatRepr(1e-5)).toBe('1e-05');
  expect(pythonFloatRepr(0.0001)).toBe('0.0001');
  expect(pythonFloatRepr(1e16)).toBe('1e+16');
  expect(pythonFloatRepr(1234567890123456)).toBe('1234567890123456.0');
  expect(pythonFloatRepr(1.5e-7)).toBe('1.5e-07');
  expect(pythonFloatRepr(-2.5)).toBe('-2.5');
  expect(pythonFloatRepr(0.1 + 0.2)).toBe('0.30000000000000004');
  expect(pythonFloatRepr(Number.POSITIVE_INFINITY)).toBe('inf');
  expect(pythonFloatRepr(Number.NaN)).toBe('nan');
  expect(pythonFloatRepr(-0)).toBe('-0.0');
});

test("'%.3f' rounds exact ties to even, like Python", () => {
  expect(pythonFixed(0.16666667, 3)).toBe('0.167');
  expect(pythonFixed(1, 3)).toBe('1.000');
  expect(pythonFixed(0.0625, 3)).toBe('0.062'); // exact tie: JS toFixed gives 0.063
  expect(pythonFixed(0.1875, 3)).toBe('0.188');
  expect(pythonFixed(0.0005, 3)).toBe('0.001'); // 0.0005 is slightly above the tie in binary
  expect(pythonFixed(2.5, 0)).toBe('2');
});

test('string repr picks the quote Python picks', () => {
  expect(pythonStrRepr('a')).toBe("'a'");
  expect(pythonStrRepr("it's")).toBe('"it\'s"');
  expect(pythonStrRepr('a\\b')).toBe("'a\\\\b'");
});

test('--param flags split on the first =, values stay strings', () => {
  expect(parseParamFlags(['KAPPA=4', 'X=a=b', 'INITIAL_RPU=[32, 32]', 'E='])).toEqual({
    KAPPA: '4',
    X: 'a=b',
    INITIAL_RPU: '[32, 32]',
    E: '',
  });
});

test('a flag without = or with an empty key is an InputError naming each', () => {
  let error: unknown;
  try {
    parseParamFlags(['KAPPA', '=4', 'OK=1']);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).issues.map((i) => i.message)).toEqual([
    "'KAPPA' is not KEY=VALUE",
    "'=4' is not KEY=VALUE",
  ]);
});
