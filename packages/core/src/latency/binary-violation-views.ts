/**
 * Incremental binary-SLO forecasts of one cluster. Without noise, a query's predicted
 * completion only ever moves later: an arrival delays everyone (processor sharing never
 * speeds a query up when work is added), time passing and the predicted-first query leaving
 * change nothing. So once a query is predicted to violate its SLO it stays a violator until
 * it leaves, and a view only has to re-judge the "open" queries, those still predicted to
 * meet their SLO. An open query's deadline lies at most one SLO after its arrival, so the
 * open set holds only recent arrivals however long the queue grows; each re-judgement costs
 * O(log n) (`CompletionTimes`). A removal before the query's predicted completion (noise,
 * or a live completion) can move others earlier: it invalidates every view, which is then
 * rebuilt by one walk over the queue.
 *
 * A view is keyed by (SLO kind, earliest arrival counted): the router's and the trigger's.
 */
import type { CompletionTimes } from './ps-completion-times.js';
import type { RunningQuery } from './running-query.js';
import type { TagNode } from './tag-order.js';

/** Result of a binary forecast: violators and counted queries (with the extra, if any). */
export interface BinaryForecast {
  violations: number;
  count: number;
  drainEndS: number;
  extraLatencyS: number;
}

/** The cluster state a view is judged against, for the forecast being made. */
export interface ViewSource {
  /** Every admitted query in order with its predicted completion (the exact walk). */
  walk(): { readonly nodes: readonly TagNode[]; readonly completionS: Float64Array; count: number };
  /** Completion times of the current state (without the extra query). */
  times(): CompletionTimes;
  /** Completion times with the extra query placed. */
  timesWithExtra(): CompletionTimes;
}

interface View {
  readonly trigger: boolean;
  readonly minArrivalS: number;
  readonly bit: number;
  valid: boolean;
  /** Counted queries (arrived at or after `minArrivalS`) judged violators. */
  violators: number;
  /** Counted queries on the cluster. */
  counted: number;
  /** Counted queries judged non-violating at the last sync (may hold removed nodes). */
  open: TagNode[];
  /** Counted queries added since the last sync. */
  pending: TagNode[];
  lastUse: number;
}

const MAX_VIEWS = 4;

const sloOf = (q: RunningQuery, trigger: boolean) => (trigger ? q.triggerSloS : q.sloS);

/** Per-query cost of an incremental re-judgement relative to one step of a full walk. */
function incrementalCost(n: number): number {
  return 4 * Math.log2(n + 2);
}

export class BinaryViolationViews {
  private readonly views: View[] = [];
  private uses = 0;

  /** A query was admitted (its node is in the order). */
  onAdd(node: TagNode, orderSize: number): void {
    const a = node.query.arrivalS;
    for (const v of this.views) {
      if (!v.valid || a < v.minArrivalS) continue;
      v.counted++;
      v.pending.push(node);
      // A view nobody asks for any more stops accumulating.
      if (v.pending.length > 2 * orderSize + 64) this.invalidate(v);
    }
  }

  /** An admitted query left; `early` when before its predicted completion. */
  onRemove(node: TagNode, early: boolean): void {
    node.removed = true;
    if (early) {
      for (const v of this.views) this.invalidate(v);
      return;
    }
    const a = node.query.arrivalS;
    for (const v of this.views) {
      if (!v.valid || a < v.minArrivalS) continue;
      v.counted--;
      if ((node.violatorBits & v.bit) !== 0) v.violators--;
    }
  }

  invalidateAll(): void {
    for (const v of this.views) this.invalidate(v);
  }

  private invalidate(v: View): void {
    v.valid = false;
    v.open = [];
    v.pending = [];
  }

  private view(trigger: boolean, minArrivalS: number): View {
    this.uses++;
    for (const v of this.views) {
      if (v.trigger === trigger && v.minArrivalS === minArrivalS) {
        v.lastUse = this.uses;
        return v;
      }
    }
    let bit = 0;
    if (this.views.length < MAX_VIEWS) bit = 1 << this.views.length;
    else {
      let lru = 0;
      for (let i = 1; i < this.views.length; i++)
        if ((this.views[i] as View).lastUse < (this.views[lru] as View).lastUse) lru = i;
      bit = (this.views[lru] as View).bit;
      this.views.splice(lru, 1);
    }
    const v: View = {
      trigger,
      minArrivalS,
      bit,
      valid: false,
      violators: 0,
      counted: 0,
      open: [],
      pending: [],
      lastUse: this.uses,
    };
    this.views.push(v);
    return v;
  }

  /**
   * Binary forecast for (SLO kind, min arrival), with `extra` placed at `now` when given.
   * Returns false when the open set is so large that the caller's exact walk is cheaper
   * (the forecast with an extra query).
   */
  forecast(
    trigger: boolean,
    minArrivalS: number,
    size: number,
    source: ViewSource,
    extra: RunningQuery | undefined,
    now: number,
    out: BinaryForecast,
  ): boolean {
    const v = this.view(trigger, minArrivalS);
    const cost = incrementalCost(size);
    if (!v.valid || (v.open.length + v.pending.length) * cost > size)
      this.rebuild(v, source.walk());
    else if (v.open.length + v.pending.length > 0) this.sync(v, source.times());
    if (extra === undefined) {
      out.violations = v.violators;
      out.count = v.counted;
      out.drainEndS = size === 0 ? now : Math.max(now, source.times().last());
      out.extraLatencyS = Number.NaN;
      return true;
    }
    if (v.open.length * cost > size) return false;
    const t = source.timesWithExtra();
    let violations = v.violators;
    for (const node of v.open) {
      if (node.removed) continue;
      if (t.of(node) - node.query.arrivalS > sloOf(node.query, trigger)) violations++;
    }
    const latency = t.ofExtra() - extra.arrivalS;
    let count = v.counted;
    if (extra.arrivalS >= minArrivalS) {
      count++;
      if (latency > sloOf(extra, trigger)) violations++;
    }
    out.violations = violations;
    out.count = count;
    out.drainEndS = Math.max(now, t.last());
    out.extraLatencyS = latency;
    return true;
  }

  private sync(v: View, times: CompletionTimes): void {
    for (const node of v.pending) if (!node.removed) v.open.push(node);
    v.pending.length = 0;
    const open = v.open;
    let kept = 0;
    for (let i = 0; i < open.length; i++) {
      const node = open[i] as TagNode;
      if (node.removed) continue;
      const q = node.query;
      if (times.of(node) - q.arrivalS > sloOf(q, v.trigger)) {
        node.violatorBits |= v.bit;
        v.violators++;
      } else open[kept++] = node;
    }
    open.length = kept;
  }

  private rebuild(v: View, w: ReturnType<ViewSource['walk']>): void {
    v.violators = 0;
    v.counted = 0;
    v.open = [];
    v.pending = [];
    for (let i = 0; i < w.count; i++) {
      const node = w.nodes[i] as TagNode;
      const q = node.query;
      node.violatorBits &= ~v.bit;
      if (q.arrivalS < v.minArrivalS) continue;
      v.counted++;
      if ((w.completionS[i] as number) - q.arrivalS > sloOf(q, v.trigger)) {
        node.violatorBits |= v.bit;
        v.violators++;
      } else v.open.push(node);
    }
    v.valid = true;
  }
}
