import { unmodelledSettings } from '../src/unmodelled-settings.js';

test('a price-performance target (RAIS) is reported as not simulated', () => {
  const notes = unmodelledSettings({ provisioner_config: { price_performance_target_level: 50 } });
  expect(notes).toHaveLength(1);
  expect(notes[0]).toContain('price_performance_target_level: 50');
  expect(notes[0]).toContain('not modelled');
});

test('configs without RAIS have nothing unmodelled', () => {
  expect(
    unmodelledSettings({ provisioner_config: { price_performance_target_level: null } }),
  ).toEqual([]);
  expect(unmodelledSettings({ provisioner_config: {} })).toEqual([]);
});
