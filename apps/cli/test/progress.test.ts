import { createProgress } from '../src/progress.js';
import { sink } from './run-cli.js';

test('off a terminal: one plain line per step of 10%, the last one once', () => {
  const out = sink();
  const progress = createProgress(out.stream, 'simulate', 3);
  progress.tick();
  progress.tick();
  progress.tick();
  progress.done();
  const lines = out.text().trimEnd().split('\n');
  expect(lines.map((l) => l.replace(/ [\d.]+s$/, ''))).toEqual([
    'simulate: 1/3 (33%)',
    'simulate: 2/3 (67%)',
    'simulate: 3/3 (100%)',
  ]);
  expect(out.text()).not.toContain('\r');
});

test('done() without ticks reports completion once', () => {
  const out = sink();
  createProgress(out.stream, 'tune', 20).done();
  expect(
    out
      .text()
      .trimEnd()
      .split('\n')
      .map((l) => l.replace(/ [\d.]+s$/, '')),
  ).toEqual(['tune: 20/20 (100%)']);
});
