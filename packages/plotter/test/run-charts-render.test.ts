import { barsChartConfig } from '../src/charts/bars-chart.js';
import { timelineChartConfig } from '../src/charts/timeline-chart.js';
import { FORMATTING } from '../src/formatting.js';
import { rpuLabels } from '../src/plugins/spinup-arrows-plugin.js';
import { PIXEL_RATIO } from '../src/renderer.js';
import { runActivity } from '../src/run-activity.js';
import { panel, point } from './fixtures.js';
import { near, pngTest } from './png-test.js';

pngTest('each bar runs from 0 to its violation, first method at the top', async (r) => {
  const p = panel({
    points: [point('A', 'main_eval_64', 0.3, 5), point('B', 'main_eval_rais50', 0.1, 9)],
  });
  const chart = await r.renderChart(barsChartConfig(p, { live: true }), 700, 200);
  const img = await r.decode(chart.png);
  const { left, right, top, bottom } = chart.geometry.chartArea;
  // x spans 0 .. 1.6 x the largest bar; categories split the height evenly.
  expect(chart.geometry.scales.x).toMatchObject({ min: 0, max: 0.3 * 1.6 });
  const at = (x: number, i: number) =>
    img.pixel(
      (left + (x / (0.3 * 1.6)) * (right - left)) * PIXEL_RATIO,
      (top + ((i + 0.5) / 2) * (bottom - top)) * PIXEL_RATIO,
    );
  expect(near(at(0.15, 0), FORMATTING.main_eval_64!.color)).toBe(true);
  expect(near(at(0.05, 1), FORMATTING.main_eval_rais50!.color)).toBe(true);
  // Past B's tip (and left of its label) is background.
  expect(near(at(0.27, 1), '#FFFFFF')).toBe(true);
});

pngTest('the timeline puts each decision marker at its time in its method lane', async (r) => {
  const activity = runActivity([
    { relTimeS: 0, eventType: 'run_start', queryId: null, clusterName: null, details: null },
    {
      relTimeS: 0,
      eventType: 'cluster_ready',
      queryId: null,
      clusterName: 'c0',
      details: { rpu: 8 },
    },
    {
      relTimeS: 600,
      eventType: 'spin_up_decision',
      queryId: null,
      clusterName: null,
      details: { rpu: 16 },
    },
    {
      relTimeS: 900,
      eventType: 'cluster_ready',
      queryId: null,
      clusterName: 'c1',
      details: { rpu: 16 },
    },
    { relTimeS: 1800, eventType: 'run_finish', queryId: null, clusterName: null, details: null },
  ]);
  const lanes = {
    row: null,
    col: null,
    title: 'T',
    methods: [
      { label: 'No-Op', formattingId: 'trigger_noop', activity: runActivity([]) },
      { label: 'Ours', formattingId: 'trigger_combined_violations', activity },
    ],
  };
  const chart = await r.renderChart(timelineChartConfig(lanes, 1800), 650, 300);
  const img = await r.decode(chart.png);
  const { left, right, top, bottom } = chart.geometry.chartArea;
  // x: minutes over 0 .. 30 x 1.03; y: lanes 0..1 over -0.65 .. 1.65, first lane at the top.
  const px = (min: number) => left + (min / (30 * 1.03)) * (right - left);
  const py = (lane: number) => top + ((lane + 0.65) / 2.3) * (bottom - top);
  const green = FORMATTING.trigger_combined_violations!.color;
  expect(near(img.pixel(px(10) * 2, py(1) * 2), green)).toBe(true);
  expect(near(img.pixel(px(15) * 2, py(1) * 2), green)).toBe(true);
  // The No-Op lane has nothing at 12 minutes (between grid lines).
  expect(near(img.pixel(px(12) * 2, py(0) * 2 - 30), '#FFFFFF')).toBe(true);
});

pngTest(
  'a star-marked method has filled stars on its timeline lane, as on the scatter',
  async (r) => {
    const ready = (t: number, name: string) => ({
      relTimeS: t,
      eventType: 'cluster_ready',
      queryId: null,
      clusterName: name,
      details: { rpu: 16 },
    });
    const lanes = {
      row: null,
      col: null,
      title: 'T',
      methods: [
        {
          label: 'AutoSLO',
          formattingId: 'main_eval_chosen',
          activity: runActivity([ready(0, 'c0'), ready(900, 'c1')]),
        },
      ],
    };
    const chart = await r.renderChart(timelineChartConfig(lanes, 1800), 650, 240);
    const img = await r.decode(chart.png);
    const { left, right, top, bottom } = chart.geometry.chartArea;
    const x = left + (15 / (30 * 1.03)) * (right - left);
    // One lane: y from -0.65 to 0.65 (max(n - 0.35, 0.35)), lane 0 in the middle.
    const y = top + (0.65 / 1.3) * (bottom - top);
    // 3 px from the centre between two of chart.js's stroked star spokes: white unless filled.
    const off = (a: number) => img.pixel((x + 3 * Math.cos(a)) * 2, (y + 3 * Math.sin(a)) * 2);
    expect(near(off(Math.PI / 8), FORMATTING.main_eval_chosen!.color)).toBe(true);
  },
);

test('clusters of a lane ready together are labelled once, with a count', () => {
  const mark = (lane: number, readyMin: number, rpu: number) => ({
    lane,
    decisionMin: null,
    readyMin,
    rpu,
    color: '#000000',
  });
  expect(
    rpuLabels([mark(0, 0, 32), mark(0, 0, 32), mark(0, 5, 16), mark(1, 0, 32), mark(1, 0, 64)]),
  ).toEqual([
    { lane: 0, readyMin: 0, text: '2×32', color: '#000000' },
    { lane: 0, readyMin: 5, text: '16', color: '#000000' },
    { lane: 1, readyMin: 0, text: '32+64', color: '#000000' },
  ]);
});
