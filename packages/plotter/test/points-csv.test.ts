import { pointsCsv } from '../src/points-csv.js';
import { panel, point } from './fixtures.js';

test('rows follow the reference CSV: quoted titles, Python floats, CRLF, run_id for live runs', () => {
  const live = {
    ...point('AutoSLO', 'main_eval_chosen', 0.09698275862068965, 49.25333333333334),
    runId: '1783260865180',
  };
  const csv = pointsCsv([
    panel({ row: 0, col: 0, title: 'May 27, κ=4', points: [live] }),
    panel({
      row: 1,
      col: 0,
      title: 'plain "quoted"',
      metric: 'absolute_s',
      points: [point('Single 64', 'main_eval_64', 3, 132)],
    }),
  ]);
  expect(csv).toBe(
    'row,col,panel_title,x_metric,label,x,y,run_id\r\n' +
      '0,0,"May 27, κ=4",binary,AutoSLO,0.09698275862068965,49.25333333333334,1783260865180\r\n' +
      '1,0,"plain ""quoted""",absolute_s,Single 64,3.0,132.0,\r\n',
  );
});

test('a single-panel manifest leaves row and col empty', () => {
  const csv = pointsCsv([panel({ title: 'T', points: [point('A', 'x', 0.5, 1)] })]);
  expect(csv.split('\r\n')[1]).toBe(',,T,binary,A,0.5,1.0,');
});
