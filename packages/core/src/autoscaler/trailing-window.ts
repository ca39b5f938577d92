/**
 * The autoscaler's trailing windows: recent arrivals (replayed as the synthetic future of
 * the counterfactual) and recent completions (evidence for the observed triggers).
 */
import type { QueryArrival } from '../control/query-arrival.js';

export interface CompletionRecord {
  readonly completionS: number;
  readonly arrivalS: number;
  readonly latencyS: number;
  readonly triggerSloS: number;
}

/** A deque pruned by time from the front. */
class TimeDeque<T> {
  private items: T[] = [];
  private head = 0;

  constructor(private readonly timeOf: (item: T) => number) {}

  push(item: T): void {
    this.items.push(item);
  }

  pruneBefore(t: number): void {
    while (this.head < this.items.length && this.timeOf(this.items[this.head] as T) < t)
      this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  get length(): number {
    return this.items.length - this.head;
  }

  toArray(): T[] {
    return this.items.slice(this.head);
  }

  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = this.head; i < this.items.length; i++) yield this.items[i] as T;
  }
}

export class TrailingWindow {
  readonly arrivals = new TimeDeque<QueryArrival>((q) => q.arrivalS);
  readonly completions = new TimeDeque<CompletionRecord>((c) => c.completionS);

  constructor(readonly windowS: number) {}

  addArrival(q: QueryArrival, now: number): void {
    this.arrivals.push(q);
    this.arrivals.pruneBefore(now - this.windowS);
  }

  addCompletion(record: CompletionRecord, now: number): void {
    this.completions.push(record);
    this.completions.pruneBefore(now - this.windowS);
  }

  prune(now: number): void {
    this.arrivals.pruneBefore(now - this.windowS);
    this.completions.pruneBefore(now - this.windowS);
  }
}
