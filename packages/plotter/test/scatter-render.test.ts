import { scatterChartConfig, scatterLimits, sharedLimits } from '../src/charts/scatter-chart.js';
import { FORMATTING } from '../src/formatting.js';
import { legendLocation } from '../src/legend-placement.js';
import { legendBox } from '../src/plugins/axes-legend-plugin.js';
import { PIXEL_RATIO } from '../src/renderer.js';
import { panel, point } from './fixtures.js';
import { near, pngTest } from './png-test.js';

const p = panel({
  title: 'May 27, κ=4',
  // Lower left: clear of every marker (a legend is drawn over the data, as matplotlib's).
  showLegend: 'lower left',
  thresholdLines: [{ value: 0.1, color: 'light_green' }],
  improvementArrow: { baseLabel: 'Single 64', targetLabel: 'AutoSLO' },
  points: [
    point('Single 64', 'main_eval_64', 0.16, 57),
    point('Round Robin 32+32', 'main_eval_32_32', 0.12, 20),
    point('AutoSLO', 'main_eval_chosen', 0.04, 35),
  ],
});

test('axis ranges: x from 0 to the largest value plus 5% of the spread, cost from 0 to 1.1 x max', () => {
  const { x, y } = scatterLimits(p);
  expect(x.min).toBe(0);
  expect(x.max).toBeCloseTo(0.16 + (0.16 - 0.04) * 0.05, 12);
  expect(y).toEqual({ min: 0, max: 57 * 1.1 });
});

pngTest('the scatter PNG is drawn at 2x and each marker sits where its data says', async (r) => {
  const chart = await r.renderChart(scatterChartConfig(p, { live: false }), 640, 480);
  expect(chart.width).toBe(640 * PIXEL_RATIO);
  expect(chart.height).toBe(480 * PIXEL_RATIO);
  const img = await r.decode(chart.png);
  expect([img.width, img.height]).toEqual([1280, 960]);
  const { left, right, top, bottom } = chart.geometry.chartArea;
  expect(chart.geometry.scales.x).toMatchObject({ min: 0, max: 0.166 });
  expect(chart.geometry.scales.y).toMatchObject({ min: 0, max: 57 * 1.1 });
  // Data -> pixel by hand: linear in both axes over the plot area, y growing upwards.
  const at = (x: number, y: number) =>
    img.pixel(
      (left + (x / 0.166) * (right - left)) * PIXEL_RATIO,
      (bottom - (y / (57 * 1.1)) * (bottom - top)) * PIXEL_RATIO,
    );
  for (const pt of p.points) {
    expect(near(at(pt.x, pt.y), FORMATTING[pt.formattingId]!.color)).toBe(true);
  }
  // Empty plot area away from every marker, line and note stays white.
  expect(near(at(0.143, 13), '#FFFFFF')).toBe(true);
});

pngTest('a log-scaled x axis for violation amounts still places markers by the data', async (r) => {
  const q = panel({
    metric: 'absolute_s',
    points: [point('a', 'trigger_noop', 1, 10), point('b', 'iconq', 100, 20)],
  });
  const chart = await r.renderChart(scatterChartConfig(q, { live: true }), 500, 400);
  const img = await r.decode(chart.png);
  const { left, right, top, bottom } = chart.geometry.chartArea;
  const { min, max } = chart.geometry.scales.x!;
  // f = (100/1)^0.05: the range is [1/f, 100 f], so log10 positions are symmetric.
  expect(min).toBeCloseTo(100 ** -0.05, 10);
  expect(max).toBeCloseTo(100 * 100 ** 0.05, 10);
  const px = (x: number) =>
    left +
    ((Math.log10(x) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))) * (right - left);
  const py = (y: number) => bottom - (y / 22) * (bottom - top);
  expect(near(img.pixel(px(1) * 2, py(10) * 2), FORMATTING.trigger_noop!.color)).toBe(true);
  expect(near(img.pixel(px(100) * 2, py(20) * 2), FORMATTING.iconq!.color)).toBe(true);
});

test('shared ranges: linear from 0 plus 5% of the spread, log from the smallest minimum', () => {
  expect(
    sharedLimits([
      { min: 0, max: 0.2 },
      { min: 0, max: 0.4 },
    ]),
  ).toEqual({ min: 0, max: 0.4 + 0.4 * 0.05 });
  expect(
    sharedLimits(
      [
        { min: 0.5, max: 8 },
        { min: 2, max: 40 },
      ],
      'logarithmic',
    ),
  ).toEqual({
    min: 0.5,
    max: 40,
  });
  expect(sharedLimits([])).toBeUndefined();
});

test('matplotlib legend locations map to a corner of the plot area', () => {
  expect(legendLocation('upper right')).toEqual({ vertical: 'upper', horizontal: 'right' });
  expect(legendLocation('center left')).toEqual({ vertical: 'center', horizontal: 'left' });
  expect(legendLocation('right')).toEqual({ vertical: 'center', horizontal: 'right' });
  expect(legendLocation('lower center')).toEqual({ vertical: 'lower', horizontal: 'center' });
  expect(legendLocation(true)).toBe('best');
  expect(legendLocation(false)).toBeNull();
  const area = { left: 50, top: 20, right: 450, bottom: 320 };
  expect(
    legendBox(area, { width: 100, height: 60 }, { vertical: 'upper', horizontal: 'right' }),
  ).toEqual({ x: 450 - 8 - 100, y: 28, width: 100, height: 60 });
  expect(
    legendBox(area, { width: 100, height: 60 }, { vertical: 'lower', horizontal: 'left' }),
  ).toEqual({ x: 58, y: 320 - 8 - 60, width: 100, height: 60 });
});

pngTest(
  'the legend sits inside the plot area: a grid panel with a legend keeps the same plot area',
  async (r) => {
    const withLegend = { ...p, showLegend: 'upper left' };
    const without = { ...p, showLegend: false };
    const a = await r.renderChart(scatterChartConfig(withLegend, { live: false }), 640, 480);
    const b = await r.renderChart(scatterChartConfig(without, { live: false }), 640, 480);
    expect(a.geometry.chartArea).toEqual(b.geometry.chartArea);
    // First entry's marker: box inset 8 px, padding 6, marker column 20 wide, rows 18 high.
    const { left, top } = a.geometry.chartArea;
    const img = await r.decode(a.png);
    const marker = img.pixel((left + 8 + 6 + 10) * PIXEL_RATIO, (top + 8 + 6 + 9) * PIXEL_RATIO);
    expect(near(marker, FORMATTING.main_eval_64!.color)).toBe(true);
    const none = await r.decode(b.png);
    expect(
      near(
        none.pixel((left + 8 + 6 + 10) * PIXEL_RATIO, (top + 8 + 6 + 9) * PIXEL_RATIO),
        '#FFFFFF',
      ),
    ).toBe(true);
  },
);

pngTest('a marker at violation 0 is drawn whole, left of the y axis too', async (r) => {
  const q = panel({ points: [point('Round Robin 32+32', 'main_eval_32_32', 0, 20)] });
  const chart = await r.renderChart(scatterChartConfig(q, { live: true }), 500, 400);
  const img = await r.decode(chart.png);
  const { left, top, bottom } = chart.geometry.chartArea;
  const y = bottom - (20 / 22) * (bottom - top);
  // 4 px left of the axis, inside the 8 px square.
  expect(
    near(img.pixel((left - 4) * PIXEL_RATIO, y * PIXEL_RATIO), FORMATTING.main_eval_32_32!.color),
  ).toBe(true);
});
