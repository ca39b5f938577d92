import {
  createPredictionBuffer,
  ProcessorSharingExecution,
  type RunningQuery,
} from '../src/index.js';
import { runningQuery as query } from './running-query.js';

function predicted(ps: ProcessorSharingExecution, now: number, extra?: RunningQuery) {
  const buf = createPredictionBuffer();
  ps.predict(now, buf, extra);
  return buf.queries.slice(0, buf.count).map((q, i) => [q.index, buf.completionS[i]]);
}

describe('ProcessorSharingExecution', () => {
  it('shares one server between two equal queries: both finish at 2S', () => {
    const ps = new ProcessorSharingExecution(1);
    ps.add(query(1, 0, 10), 0);
    ps.add(query(2, 0, 10), 0);
    expect(predicted(ps, 0)).toEqual([
      [1, 20],
      [2, 20],
    ]);
    expect(ps.nextCompletionTime()).toBe(20);
  });

  it('runs up to c queries at full rate', () => {
    const ps = new ProcessorSharingExecution(2);
    ps.add(query(1, 0, 10), 0);
    ps.add(query(2, 0, 10), 0);
    expect(ps.nextCompletionTime()).toBe(10);
  });

  it('predicts a late arrival exactly: A (10 s at 0) and B (4 s at 2) on c = 1', () => {
    // At t=2 A has 8 s left; sharing, B needs 8 s of wall time (t=10); A's last 4 s alone: t=14.
    const ps = new ProcessorSharingExecution(1);
    ps.add(query(1, 0, 10), 0);
    expect(predicted(ps, 2, query(2, 2, 4))).toEqual([
      [2, 10],
      [1, 14],
    ]);
    // The prediction changed nothing: A alone still finishes at 10.
    expect(ps.nextCompletionTime()).toBe(10);
    ps.add(query(2, 2, 4), 2);
    expect(ps.nextCompletionTime()).toBe(10);
    const b = ps.nextCompletingQuery() as RunningQuery;
    expect(b.index).toBe(2);
    ps.remove(b, 10);
    expect(ps.nextCompletionTime()).toBe(14);
  });

  it('queues beyond the admission limit in FIFO order, waiting counted', () => {
    const ps = new ProcessorSharingExecution(4, 1);
    ps.add(query(1, 0, 5), 0);
    ps.add(query(2, 1, 5), 1);
    ps.add(query(3, 2, 1), 2);
    expect(ps.runningCount).toBe(1);
    expect(ps.waitingCount).toBe(2);
    expect(predicted(ps, 2)).toEqual([
      [1, 5],
      [2, 10],
      [3, 11],
    ]);
  });

  it('completes by true work while predicting from predicted work (noise)', () => {
    const ps = new ProcessorSharingExecution(1);
    ps.add(query(1, 0, 10, 6), 0);
    ps.add(query(2, 0, 10, 14), 0);
    // Predicted: equal, both at 20. True: q1 done at 12 (6 s at rate 1/2), q2 at 12 + 8 = 20.
    expect(ps.nextCompletionTime()).toBe(12);
    expect(ps.nextCompletingQuery()?.index).toBe(1);
  });
});
