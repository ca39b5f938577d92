import { bindNamedParameters } from '../src/local/named-parameters.js';

describe('bindNamedParameters', () => {
  it('numbers placeholders in order of first use, leaving casts, strings and comments alone', () => {
    const bound = bindNamedParameters(
      "-- :not_a_param\nSELECT :b::int, ':a', :a, :b WHERE x = ':b'",
      [
        { name: 'a', value: '1' },
        { name: 'b', value: '2' },
      ],
    );
    expect(bound).toEqual({
      text: "-- :not_a_param\nSELECT $1::int, ':a', $2, $1 WHERE x = ':b'",
      values: ['2', '1'],
    });
  });

  it('refuses a placeholder without a value and a value without a placeholder', () => {
    expect(() => bindNamedParameters('SELECT :x', [{ name: 'y', value: '1' }])).toThrow(
      'No value was given for the parameter :x.',
    );
    expect(() => bindNamedParameters('SELECT 1', [{ name: 'y', value: '1' }])).toThrow(
      'The parameter y is not used in the SQL statement.',
    );
  });

  it('passes SQL through unchanged without parameters', () => {
    expect(bindNamedParameters('SELECT :x', undefined)).toEqual({
      text: 'SELECT :x',
      values: undefined,
    });
  });
});
