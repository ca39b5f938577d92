import { templateIdOf } from '../src/slo/template-id.js';

describe('templateIdOf', () => {
  test.each([
    ['ext_tpcds1000#042#001', '042'],
    ['tpcds#7#2', '007'],
    ['tpcds#099#003', '099'],
    ['042_001', '042'],
    ['42_1', '042'],
    ['42', '042'],
    ['042', '042'],
    ['0042', '042'],
    ['1234', '1234'],
    [' 5 ', '005'],
    ['custom#etl#001', 'etl'],
  ])('reads %p as %p', (id, template) => {
    expect(templateIdOf(id)).toBe(template);
  });

  test('accepts integers', () => {
    expect(templateIdOf(42)).toBe('042');
    expect(templateIdOf(0)).toBe('000');
    expect(templateIdOf(4.5)).toBeNull();
    expect(templateIdOf(-1)).toBeNull();
  });

  test('gives null when no template can be read', () => {
    expect(templateIdOf(null)).toBeNull();
    expect(templateIdOf(undefined)).toBeNull();
    expect(templateIdOf('')).toBeNull();
    expect(templateIdOf('schema##001')).toBeNull();
    expect(templateIdOf('_001')).toBeNull();
  });
});
