/**
 * Processor sharing on one cluster: n admitted queries each progress at rate
 * `min(1, c / n)`; queries beyond the admission limit wait FIFO. Tracked through a
 * virtual clock `V` (service received by each admitted query since t=0), so an arrival or
 * a completion costs O(log n) and no per-query state changes while time passes.
 */
import type { RunningQuery } from './running-query.js';

/** Reusable output of `predict`: queries and their predicted completion times, in finish order. */
export interface PredictionBuffer {
  queries: RunningQuery[];
  completionS: Float64Array;
  count: number;
}

export function createPredictionBuffer(): PredictionBuffer {
  return { queries: [], completionS: new Float64Array(64), count: 0 };
}

function push(buf: PredictionBuffer, query: RunningQuery, completionS: number): void {
  if (buf.count === buf.completionS.length) {
    const grown = new Float64Array(buf.completionS.length * 2);
    grown.set(buf.completionS);
    buf.completionS = grown;
  }
  buf.queries[buf.count] = query;
  buf.completionS[buf.count] = completionS;
  buf.count++;
}

/** Insert into an array kept sorted by `key` (stable: equal keys keep arrival order). */
function insertSorted(list: RunningQuery[], q: RunningQuery, key: (q: RunningQuery) => number) {
  const k = key(q);
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(list[mid] as RunningQuery) <= k) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, q);
}

const predictedTag = (q: RunningQuery) => q.admittedV + q.predictedWorkS;
const trueTag = (q: RunningQuery) => q.admittedV + q.trueWorkS;

export class ProcessorSharingExecution {
  /** Admitted queries sorted by predicted finish tag. */
  private readonly admitted: RunningQuery[] = [];
  /** FIFO of queries waiting for admission; `waitHead` is the first live entry. */
  private readonly waiting: RunningQuery[] = [];
  private waitHead = 0;
  private v = 0;
  private lastT = 0;
  /** True service differs from predicted (noise on): next completion needs a scan. */
  private noisy = false;

  constructor(
    /** Parallelism `c(r)`. */
    readonly parallelism: number,
    /** Admission limit (Infinity = none). */
    readonly admissionLimit: number = Number.POSITIVE_INFINITY,
  ) {}

  /** Queries on the cluster, running or waiting. */
  get activeCount(): number {
    return this.admitted.length + this.waiting.length - this.waitHead;
  }

  get runningCount(): number {
    return this.admitted.length;
  }

  get waitingCount(): number {
    return this.waiting.length - this.waitHead;
  }

  private rate(n: number): number {
    return n === 0 ? 0 : Math.min(1, this.parallelism / n);
  }

  /** Moves the virtual clock to `now` (never backwards). */
  advanceTo(now: number): void {
    if (now <= this.lastT) return;
    this.v += (now - this.lastT) * this.rate(this.admitted.length);
    this.lastT = now;
  }

  /** Places a query on the cluster at `now`: admitted at once or queued FIFO. */
  add(query: RunningQuery, now: number): void {
    this.advanceTo(now);
    if (query.trueWorkS !== query.predictedWorkS) this.noisy = true;
    if (this.admitted.length < this.admissionLimit) this.admit(query);
    else {
      query.admittedV = Number.NaN;
      this.waiting.push(query);
    }
  }

  private admit(query: RunningQuery): void {
    query.admittedV = this.v;
    insertSorted(this.admitted, query, predictedTag);
  }

  /** The admitted query that truly finishes first, or undefined when idle. */
  private nextTrue(): RunningQuery | undefined {
    if (!this.noisy) return this.admitted[0];
    let best: RunningQuery | undefined;
    let bestTag = Number.POSITIVE_INFINITY;
    for (const q of this.admitted) {
      const tag = trueTag(q);
      if (tag < bestTag) {
        bestTag = tag;
        best = q;
      }
    }
    return best;
  }

  /** Time at which the next query truly completes, assuming no arrivals (Infinity when idle). */
  nextCompletionTime(): number {
    const q = this.nextTrue();
    if (q === undefined) return Number.POSITIVE_INFINITY;
    const remaining = Math.max(0, trueTag(q) - this.v);
    return this.lastT + remaining / this.rate(this.admitted.length);
  }

  /** The query that `nextCompletionTime` refers to. */
  nextCompletingQuery(): RunningQuery | undefined {
    return this.nextTrue();
  }

  /**
   * Removes a finished query at `now` (the simulator's next completion, or whatever the
   * live system reports) and admits the head of the queue if a slot opened.
   * @returns false when the query is not on this cluster.
   */
  remove(query: RunningQuery, now: number): boolean {
    this.advanceTo(now);
    const i = this.admitted.indexOf(query);
    if (i >= 0) {
      this.admitted.splice(i, 1);
      if (this.admitted.length === 0) this.noisy = false;
      while (this.admitted.length < this.admissionLimit && this.waitingCount > 0) {
        const head = this.waiting[this.waitHead] as RunningQuery;
        this.waiting[this.waitHead] = undefined as unknown as RunningQuery;
        this.waitHead++;
        this.admit(head);
        if (head.trueWorkS !== head.predictedWorkS) this.noisy = true;
      }
      this.compactQueue();
      return true;
    }
    const j = this.waiting.indexOf(query, this.waitHead);
    if (j < 0) return false;
    this.waiting.splice(j, 1);
    return true;
  }

  private compactQueue(): void {
    if (this.waitHead > 64 && this.waitHead * 2 > this.waiting.length) {
      this.waiting.splice(0, this.waitHead);
      this.waitHead = 0;
    } else if (this.waitHead === this.waiting.length) {
      this.waiting.length = 0;
      this.waitHead = 0;
    }
  }

  /** Every query on the cluster (running first, then waiting in FIFO order). */
  *queries(): IterableIterator<RunningQuery> {
    yield* this.admitted;
    for (let i = this.waitHead; i < this.waiting.length; i++) yield this.waiting[i] as RunningQuery;
  }

  /** Service a running query has received so far (0 while waiting). */
  attainedS(query: RunningQuery, now: number): number {
    if (Number.isNaN(query.admittedV)) return 0;
    const v = this.v + Math.max(0, now - this.lastT) * this.rate(this.admitted.length);
    return v - query.admittedV;
  }

  /**
   * Predicted completion of every query on the cluster (plus `extra`, arriving at `now`,
   * if given), assuming no further arrivals, from predicted remaining work. Written into
   * `out` in completion order. Exact for processor sharing with FIFO admission.
   */
  predict(now: number, out: PredictionBuffer, extra?: RunningQuery): void {
    out.count = 0;
    const v0 = this.v + Math.max(0, now - this.lastT) * this.rate(this.admitted.length);
    const t0 = Math.max(now, this.lastT);
    if (
      this.waitingCount === 0 &&
      (extra === undefined || this.admitted.length < this.admissionLimit)
    ) {
      this.predictUnqueued(t0, v0, out, extra);
    } else {
      this.predictQueued(t0, v0, out, extra);
    }
  }

  /** No one waits: one pass over the sorted tags, merging in the extra query's tag. */
  private predictUnqueued(t0: number, v0: number, out: PredictionBuffer, extra?: RunningQuery) {
    const list = this.admitted;
    let n = list.length + (extra ? 1 : 0);
    const extraTag = extra ? v0 + extra.predictedWorkS : Number.POSITIVE_INFINITY;
    let extraDone = extra === undefined;
    let t = t0;
    let v = v0;
    for (let i = 0; i <= list.length; i++) {
      const q = list[i];
      const tag = q === undefined ? Number.POSITIVE_INFINITY : predictedTag(q);
      if (!extraDone && extraTag < tag) {
        t += Math.max(0, extraTag - v) / this.rate(n);
        v = Math.max(v, extraTag);
        push(out, extra as RunningQuery, t);
        n--;
        extraDone = true;
      }
      if (q === undefined) break;
      t += Math.max(0, tag - v) / this.rate(n);
      v = Math.max(v, tag);
      push(out, q, t);
      n--;
    }
  }

  /** With a queue: a small event walk where each completion admits the queue head. */
  private predictQueued(t0: number, v0: number, out: PredictionBuffer, extra?: RunningQuery) {
    const running: { q: RunningQuery; tag: number }[] = this.admitted.map((q) => ({
      q,
      tag: predictedTag(q),
    }));
    const queue: RunningQuery[] = [];
    for (let i = this.waitHead; i < this.waiting.length; i++)
      queue.push(this.waiting[i] as RunningQuery);
    if (extra) {
      if (running.length < this.admissionLimit)
        running.push({ q: extra, tag: v0 + extra.predictedWorkS });
      else queue.push(extra);
    }
    let t = t0;
    let v = v0;
    let head = 0;
    while (running.length > 0) {
      let k = 0;
      for (let i = 1; i < running.length; i++) {
        if ((running[i] as { tag: number }).tag < (running[k] as { tag: number }).tag) k = i;
      }
      const next = running[k] as { q: RunningQuery; tag: number };
      t += Math.max(0, next.tag - v) / this.rate(running.length);
      v = Math.max(v, next.tag);
      push(out, next.q, t);
      running.splice(k, 1);
      while (running.length < this.admissionLimit && head < queue.length) {
        const q = queue[head++] as RunningQuery;
        running.push({ q, tag: v + q.predictedWorkS });
      }
    }
  }

  /** A deep copy whose queries are copies too, with true work replaced by predicted work. */
  cloneAsPredicted(): { copy: ProcessorSharingExecution; map: Map<RunningQuery, RunningQuery> } {
    const copy = new ProcessorSharingExecution(this.parallelism, this.admissionLimit);
    const map = new Map<RunningQuery, RunningQuery>();
    const dup = (q: RunningQuery): RunningQuery => {
      const c = { ...q, trueWorkS: q.predictedWorkS };
      map.set(q, c);
      return c;
    };
    copy.v = this.v;
    copy.lastT = this.lastT;
    for (const q of this.admitted) copy.admitted.push(dup(q));
    for (let i = this.waitHead; i < this.waiting.length; i++)
      copy.waiting.push(dup(this.waiting[i] as RunningQuery));
    return { copy, map };
  }
}
