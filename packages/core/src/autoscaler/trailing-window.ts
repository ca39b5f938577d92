/**
 * The autoscaler's trailing windows: recent arrivals (replayed as the synthetic future of
 * the counterfactual) and recent completions (evidence for the observed triggers). The
 * observed evidence (violation sum and count of completions that arrived at or after
 * `readySince`) is kept as running sums, so a trigger check costs O(1) per arrival.
 * Completions are held column-wise: a run records millions of them.
 */
import type { QueryArrival } from '../control/query-arrival.js';

export interface CompletionRecord {
  readonly completionS: number;
  readonly arrivalS: number;
  readonly latencyS: number;
  readonly triggerSloS: number;
  /** Per-query violation under the trigger's metric. */
  readonly violation: number;
}

/** Growable columns of completions, consumed from the front. */
class CompletionColumns {
  completionS = new Float64Array(1024);
  arrivalS = new Float64Array(1024);
  latencyS = new Float64Array(1024);
  triggerSloS = new Float64Array(1024);
  violation = new Float64Array(1024);
  head = 0;
  tail = 0;

  push(r: CompletionRecord): void {
    if (this.tail === this.completionS.length) this.makeRoom();
    const i = this.tail++;
    this.completionS[i] = r.completionS;
    this.arrivalS[i] = r.arrivalS;
    this.latencyS[i] = r.latencyS;
    this.triggerSloS[i] = r.triggerSloS;
    this.violation[i] = r.violation;
  }

  /** Moves live rows to the front, growing the columns when more than half full. */
  private makeRoom(): void {
    const live = this.tail - this.head;
    const size =
      live * 2 > this.completionS.length ? this.completionS.length * 2 : this.completionS.length;
    const move = (col: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
      const out = size === col.length ? col : new Float64Array(size);
      out.set(col.subarray(this.head, this.tail), 0);
      return out;
    };
    this.completionS = move(this.completionS);
    this.arrivalS = move(this.arrivalS);
    this.latencyS = move(this.latencyS);
    this.triggerSloS = move(this.triggerSloS);
    this.violation = move(this.violation);
    this.head = 0;
    this.tail = live;
  }

  record(i: number): CompletionRecord {
    return {
      completionS: this.completionS[i] as number,
      arrivalS: this.arrivalS[i] as number,
      latencyS: this.latencyS[i] as number,
      triggerSloS: this.triggerSloS[i] as number,
      violation: this.violation[i] as number,
    };
  }
}

export class TrailingWindow {
  private arrivalItems: QueryArrival[] = [];
  private arrivalHead = 0;
  private readonly done = new CompletionColumns();
  private since = Number.NEGATIVE_INFINITY;
  private observedSum = 0;
  private observedCount = 0;

  constructor(readonly windowS: number) {}

  addArrival(q: QueryArrival, now: number): void {
    this.arrivalItems.push(q);
    this.prune(now);
  }

  addCompletion(record: CompletionRecord, now: number): void {
    this.done.push(record);
    if (record.arrivalS >= this.since) {
      this.observedSum += record.violation;
      this.observedCount++;
    }
    this.prune(now);
  }

  prune(now: number): void {
    const from = now - this.windowS;
    const items = this.arrivalItems;
    let head = this.arrivalHead;
    while (head < items.length && (items[head] as QueryArrival).arrivalS < from) head++;
    if (head === items.length) {
      this.arrivalItems = [];
      head = 0;
    } else if (head > 4096 && head * 2 > items.length) {
      this.arrivalItems = items.slice(head);
      head = 0;
    }
    this.arrivalHead = head;
    const d = this.done;
    while (d.head < d.tail && (d.completionS[d.head] as number) < from) {
      if ((d.arrivalS[d.head] as number) >= this.since) {
        this.observedSum -= d.violation[d.head] as number;
        this.observedCount--;
      }
      d.head++;
    }
    if (this.observedCount === 0) this.observedSum = 0;
  }

  /** Recent arrivals, oldest first. */
  arrivals(): QueryArrival[] {
    return this.arrivalItems.slice(this.arrivalHead);
  }

  /** Sum of the recent arrivals' reference service times. */
  arrivalWorkS(): number {
    let total = 0;
    for (let i = this.arrivalHead; i < this.arrivalItems.length; i++) {
      total += (this.arrivalItems[i] as QueryArrival).refServiceS;
    }
    return total;
  }

  /** Recent completions, oldest first. */
  completions(): CompletionRecord[] {
    const out: CompletionRecord[] = [];
    for (let i = this.done.head; i < this.done.tail; i++) out.push(this.done.record(i));
    return out;
  }

  /** Violation sum and count of the window's completions that arrived at or after `since`. */
  observedSince(since: number): { sum: number; count: number } {
    if (since !== this.since) {
      this.since = since;
      this.observedSum = 0;
      this.observedCount = 0;
      const d = this.done;
      for (let i = d.head; i < d.tail; i++) {
        if ((d.arrivalS[i] as number) >= since) {
          this.observedSum += d.violation[i] as number;
          this.observedCount++;
        }
      }
    }
    return { sum: this.observedSum, count: this.observedCount };
  }
}
