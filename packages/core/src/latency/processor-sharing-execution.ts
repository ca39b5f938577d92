/**
 * Processor sharing on one cluster: n admitted queries each progress at rate
 * `min(1, c / n)`; queries beyond the admission limit wait FIFO. Tracked through a
 * virtual clock `V` (service received by each admitted query since t=0), so an arrival or
 * a completion costs O(log n) and no per-query state changes while time passes. Admitted
 * queries live in a `TagOrder` by finish tag, so predictions need not walk the queue
 * (`forecastBinary`); `predict` is the exact event walk every fast path is checked against.
 */
import {
  type BinaryForecast,
  BinaryViolationViews,
  type ViewSource,
} from './binary-violation-views.js';
import { CompletionTimes } from './ps-completion-times.js';
import type { RunningQuery } from './running-query.js';
import { type TagNode, TagOrder } from './tag-order.js';

export type { BinaryForecast } from './binary-violation-views.js';

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

/**
 * A removal this far (in virtual seconds) before the query's predicted finish counts as
 * early: the others' predictions move earlier and incremental views are rebuilt. Below it,
 * the difference is floating-point rounding of the virtual clock.
 */
const EARLY_REMOVAL_EPS = 1e-6;

/** A binary-heap entry of the queued event walk. */
interface Running {
  q: RunningQuery;
  tag: number;
  seq: number;
}

const before = (a: Running, b: Running) => a.tag < b.tag || (a.tag === b.tag && a.seq < b.seq);

function heapPush(heap: Running[], x: Running): void {
  let i = heap.length;
  heap.push(x);
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!before(x, heap[p] as Running)) break;
    heap[i] = heap[p] as Running;
    i = p;
  }
  heap[i] = x;
}

function heapPop(heap: Running[]): Running {
  const top = heap[0] as Running;
  const last = heap.pop() as Running;
  if (heap.length > 0) {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= heap.length) break;
      const r = l + 1;
      const m = r < heap.length && before(heap[r] as Running, heap[l] as Running) ? r : l;
      if (!before(heap[m] as Running, last)) break;
      heap[i] = heap[m] as Running;
      i = m;
    }
    heap[i] = last;
  }
  return top;
}

export class ProcessorSharingExecution {
  /** Admitted queries by predicted finish tag. */
  private readonly order = new TagOrder();
  /** Admitted queries by true finish tag, kept only while some true work differs (noise). */
  private trueOrder: TagOrder | null = null;
  /** Each admitted query's node in `order` (and in `trueOrder`, when kept). */
  private readonly nodes = new Map<RunningQuery, TagNode>();
  private seq = 0;
  /** FIFO of queries waiting for admission; `waitHead` is the first live entry. */
  private readonly waiting: RunningQuery[] = [];
  private waitHead = 0;
  private v = 0;
  private lastT = 0;
  /** True service differs from predicted (noise on): next completion from `trueOrder`. */
  private noisy = false;
  private readonly views = new BinaryViolationViews();
  private readonly times = new CompletionTimes();
  private readonly timesExtra = new CompletionTimes();
  /** The state the forecast being made judges (read by `viewSource`). */
  private readonly current = { t0: 0, v0: 0, extraWork: 0, timesReady: false };
  private readonly viewSource: ViewSource = {
    walk: () => this.walk(this.current.t0, this.current.v0),
    times: () => {
      const f = this.current;
      if (!f.timesReady) {
        this.times.reset(this.order, this.parallelism, f.t0, f.v0);
        f.timesReady = true;
      }
      return this.times;
    },
    timesWithExtra: () => {
      const f = this.current;
      return this.timesExtra.reset(this.order, this.parallelism, f.t0, f.v0, f.extraWork);
    },
  };
  private walkNodes: TagNode[] = [];
  private walkTimes = new Float64Array(64);

  constructor(
    /** Parallelism `c(r)`. */
    readonly parallelism: number,
    /** Admission limit (Infinity = none). */
    readonly admissionLimit: number = Number.POSITIVE_INFINITY,
  ) {}

  /** Queries on the cluster, running or waiting. */
  get activeCount(): number {
    return this.order.size + this.waiting.length - this.waitHead;
  }

  get runningCount(): number {
    return this.order.size;
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
    this.v += (now - this.lastT) * this.rate(this.order.size);
    this.lastT = now;
  }

  /** Places a query on the cluster at `now`: admitted at once or queued FIFO. */
  add(query: RunningQuery, now: number): void {
    this.advanceTo(now);
    if (this.order.size < this.admissionLimit) this.admit(query);
    else {
      query.admittedV = Number.NaN;
      this.waiting.push(query);
    }
  }

  private admit(query: RunningQuery): void {
    query.admittedV = this.v;
    const seq = this.seq++;
    const node = this.order.node(query, this.v + query.predictedWorkS, seq);
    this.order.insert(node);
    if (query.trueWorkS !== query.predictedWorkS && !this.noisy) {
      this.noisy = true;
      this.trueOrder = new TagOrder();
      for (const [q, other] of this.nodes) {
        other.twin = this.trueOrder.node(q, q.admittedV + q.trueWorkS, other.seq);
        this.trueOrder.insert(other.twin);
      }
    }
    if (this.trueOrder !== null) {
      node.twin = this.trueOrder.node(query, this.v + query.trueWorkS, seq);
      this.trueOrder.insert(node.twin);
    }
    this.nodes.set(query, node);
    this.views.onAdd(node, this.order.size);
  }

  /** The admitted query that truly finishes first, or undefined when idle. */
  private nextTrue(): RunningQuery | undefined {
    const order = this.trueOrder ?? this.order;
    return order.first()?.query;
  }

  /** Time at which the next query truly completes, assuming no arrivals (Infinity when idle). */
  nextCompletionTime(): number {
    const q = this.nextTrue();
    if (q === undefined) return Number.POSITIVE_INFINITY;
    const remaining = Math.max(0, q.admittedV + q.trueWorkS - this.v);
    return this.lastT + remaining / this.rate(this.order.size);
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
    const node = this.nodes.get(query);
    if (node !== undefined) {
      this.nodes.delete(query);
      this.order.remove(node);
      if (node.twin !== null) this.trueOrder?.remove(node.twin);
      this.views.onRemove(node, node.tag - this.v > EARLY_REMOVAL_EPS);
      if (this.order.size === 0) {
        this.noisy = false;
        this.trueOrder = null;
      }
      while (this.order.size < this.admissionLimit && this.waitingCount > 0) {
        const head = this.waiting[this.waitHead] as RunningQuery;
        this.waiting[this.waitHead] = undefined as unknown as RunningQuery;
        this.waitHead++;
        this.admit(head);
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

  /** Every query on the cluster (running by predicted finish, then waiting in FIFO order). */
  *queries(): IterableIterator<RunningQuery> {
    for (const node of this.order) yield node.query;
    for (let i = this.waitHead; i < this.waiting.length; i++) yield this.waiting[i] as RunningQuery;
  }

  /** Service a running query has received so far (0 while waiting). */
  attainedS(query: RunningQuery, now: number): number {
    if (Number.isNaN(query.admittedV)) return 0;
    return this.virtualAt(now) - query.admittedV;
  }

  private virtualAt(now: number): number {
    return this.v + Math.max(0, now - this.lastT) * this.rate(this.order.size);
  }

  /**
   * Predicted completion of every query on the cluster (plus `extra`, arriving at `now`,
   * if given), assuming no further arrivals, from predicted remaining work. Written into
   * `out` in completion order. Exact for processor sharing with FIFO admission: the event
   * walk, O(n) (O((n + queue) log n) with a queue).
   */
  predict(now: number, out: PredictionBuffer, extra?: RunningQuery): void {
    out.count = 0;
    const v0 = this.virtualAt(now);
    const t0 = Math.max(now, this.lastT);
    if (this.waitingCount === 0 && (extra === undefined || this.order.size < this.admissionLimit)) {
      this.predictUnqueued(t0, v0, out, extra);
    } else {
      this.predictQueued(t0, v0, out, extra);
    }
  }

  /** No one waits: one pass over the sorted tags, merging in the extra query's tag. */
  private predictUnqueued(t0: number, v0: number, out: PredictionBuffer, extra?: RunningQuery) {
    const count = this.order.fill(this.walkNodes);
    const list = this.walkNodes;
    let n = count + (extra ? 1 : 0);
    const extraTag = extra ? v0 + extra.predictedWorkS : Number.POSITIVE_INFINITY;
    let extraDone = extra === undefined;
    let t = t0;
    let v = v0;
    for (let i = 0; i <= count; i++) {
      const node = i < count ? (list[i] as TagNode) : undefined;
      const tag = node === undefined ? Number.POSITIVE_INFINITY : node.tag;
      if (!extraDone && extraTag < tag) {
        t += Math.max(0, extraTag - v) / this.rate(n);
        v = Math.max(v, extraTag);
        push(out, extra as RunningQuery, t);
        n--;
        extraDone = true;
      }
      if (node === undefined) break;
      t += Math.max(0, tag - v) / this.rate(n);
      v = Math.max(v, tag);
      push(out, node.query, t);
      n--;
    }
  }

  /** With a queue: an event walk where each completion admits the queue head. */
  private predictQueued(t0: number, v0: number, out: PredictionBuffer, extra?: RunningQuery) {
    const heap: Running[] = [];
    let seq = 0;
    for (const node of this.order) heapPush(heap, { q: node.query, tag: node.tag, seq: seq++ });
    const queue: RunningQuery[] = [];
    for (let i = this.waitHead; i < this.waiting.length; i++)
      queue.push(this.waiting[i] as RunningQuery);
    if (extra) {
      if (heap.length < this.admissionLimit)
        heapPush(heap, { q: extra, tag: v0 + extra.predictedWorkS, seq: seq++ });
      else queue.push(extra);
    }
    let t = t0;
    let v = v0;
    let head = 0;
    while (heap.length > 0) {
      const n = heap.length;
      const next = heapPop(heap);
      t += Math.max(0, next.tag - v) / this.rate(n);
      v = Math.max(v, next.tag);
      push(out, next.q, t);
      while (heap.length < this.admissionLimit && head < queue.length) {
        const q = queue[head++] as RunningQuery;
        heapPush(heap, { q, tag: v + q.predictedWorkS, seq: seq++ });
      }
    }
  }

  /**
   * Binary-SLO forecast without walking the queue: violators and counted queries (arrived
   * at or after `minArrivalS`), judged against `triggerSloS` when `trigger`, with `extra`
   * placed at `now` when given. Same answer as counting over `predict` (up to rounding),
   * at O(open · log n) per call, where the open queries are those still predicted to meet
   * their SLO (see `BinaryViolationViews`).
   * @returns false where it does not apply (a queue, or an extra that would wait, or an
   *   open set so large that the walk is cheaper): the caller uses `predict`.
   */
  forecastBinary(
    now: number,
    trigger: boolean,
    minArrivalS: number,
    extra: RunningQuery | undefined,
    out: BinaryForecast,
  ): boolean {
    if (this.waitingCount > 0) return false;
    if (extra !== undefined && this.order.size >= this.admissionLimit) return false;
    const f = this.current;
    f.t0 = Math.max(now, this.lastT);
    f.v0 = this.virtualAt(now);
    f.extraWork = extra === undefined ? 0 : extra.predictedWorkS;
    f.timesReady = false;
    return this.views.forecast(
      trigger,
      minArrivalS,
      this.order.size,
      this.viewSource,
      extra,
      now,
      out,
    );
  }

  /** The exact walk over the admitted queries (no queue, no extra), node by node. */
  private walk(t0: number, v0: number) {
    const count = this.order.fill(this.walkNodes);
    if (this.walkTimes.length < count) this.walkTimes = new Float64Array(count * 2);
    let n = count;
    let t = t0;
    let v = v0;
    for (let i = 0; i < count; i++) {
      const tag = (this.walkNodes[i] as TagNode).tag;
      t += Math.max(0, tag - v) / this.rate(n);
      v = Math.max(v, tag);
      this.walkTimes[i] = t;
      n--;
    }
    return { nodes: this.walkNodes, completionS: this.walkTimes, count };
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
    // In order, so the copy's treap is built in O(n) (the same tree inserting would build).
    const sorted: TagNode[] = [];
    for (const node of this.order) {
      const c = dup(node.query);
      const n = copy.order.node(c, node.tag, node.seq);
      sorted.push(n);
      copy.nodes.set(c, n);
    }
    copy.order.fillSorted(sorted);
    copy.seq = this.seq;
    for (let i = this.waitHead; i < this.waiting.length; i++)
      copy.waiting.push(dup(this.waiting[i] as RunningQuery));
    return { copy, map };
  }
}
