import { formatIssue, InputError } from '../src/errors.js';

test('formatIssue names file, line, column, path, expected and received', () => {
  expect(
    formatIssue({
      file: 'a.yml',
      line: 3,
      column: 5,
      path: 'autoscaler_config.observation_window_s',
      message: 'Invalid type',
      expected: 'number',
      received: '"abc"',
    }),
  ).toBe(
    'a.yml:3:5: autoscaler_config.observation_window_s: Invalid type (expected number, received "abc")',
  );
  expect(formatIssue({ message: 'bad' })).toBe('bad');
});

test('InputError carries every issue', () => {
  const error = new InputError([{ message: 'one' }, { message: 'two' }]);
  expect(error.issues).toHaveLength(2);
  expect(error.message).toBe('one\ntwo');
});
