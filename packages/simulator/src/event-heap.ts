/**
 * The simulator's event queue: a binary min-heap ordered by (time, type rank, sequence
 * number), held in parallel typed arrays so millions of events allocate nothing.
 * The sequence number makes the order of equal (time, rank) events deterministic.
 */

/** Tie-break order at equal times, as in the reference. */
export const EventRank = {
  /** A cluster that becomes ready is routable for an arrival at the same instant. */
  ClusterReady: 0,
  /** An arrival sees a query finishing at the same instant as a neighbour. */
  Arrival: 1,
  Completion: 2,
  ScheduledSpinup: 3,
} as const;
export type EventRank = (typeof EventRank)[keyof typeof EventRank];

export class EventHeap {
  private time = new Float64Array(256);
  private order = new Float64Array(256);
  private payload = new Int32Array(256);
  private stamp = new Int32Array(256);
  private size = 0;
  private seq = 0;
  /** Fields of the last popped event. */
  poppedTime = 0;
  poppedRank: EventRank = 0;
  poppedPayload = 0;
  poppedStamp = 0;

  get length(): number {
    return this.size;
  }

  /** Pushes an event; `payload` and `stamp` are the caller's (an index and a version). */
  push(time: number, rank: EventRank, payload: number, stamp = 0): void {
    if (this.size === this.time.length) this.grow();
    // rank in the high part, sequence below: one double compares both exactly up to 2^50.
    const order = rank * 2 ** 50 + this.seq++;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = this.time[parent] as number;
      if (pt < time || (pt === time && (this.order[parent] as number) < order)) break;
      this.move(parent, i);
      i = parent;
    }
    this.time[i] = time;
    this.order[i] = order;
    this.payload[i] = payload;
    this.stamp[i] = stamp;
  }

  /** Pops the earliest event into the `popped*` fields. @returns false when empty. */
  pop(): boolean {
    if (this.size === 0) return false;
    this.poppedTime = this.time[0] as number;
    this.poppedRank = Math.floor((this.order[0] as number) / 2 ** 50) as EventRank;
    this.poppedPayload = this.payload[0] as number;
    this.poppedStamp = this.stamp[0] as number;
    const last = --this.size;
    if (last === 0) return true;
    const t = this.time[last] as number;
    const o = this.order[last] as number;
    const p = this.payload[last] as number;
    const s = this.stamp[last] as number;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      const right = child + 1;
      if (right < last && this.less(right, child)) child = right;
      const ct = this.time[child] as number;
      if (t < ct || (t === ct && o < (this.order[child] as number))) break;
      this.move(child, i);
      i = child;
    }
    this.time[i] = t;
    this.order[i] = o;
    this.payload[i] = p;
    this.stamp[i] = s;
    return true;
  }

  private less(a: number, b: number): boolean {
    const ta = this.time[a] as number;
    const tb = this.time[b] as number;
    return ta < tb || (ta === tb && (this.order[a] as number) < (this.order[b] as number));
  }

  private move(from: number, to: number): void {
    this.time[to] = this.time[from] as number;
    this.order[to] = this.order[from] as number;
    this.payload[to] = this.payload[from] as number;
    this.stamp[to] = this.stamp[from] as number;
  }

  private grow(): void {
    const n = this.time.length * 2;
    const t = new Float64Array(n);
    t.set(this.time);
    const o = new Float64Array(n);
    o.set(this.order);
    const p = new Int32Array(n);
    p.set(this.payload);
    const s = new Int32Array(n);
    s.set(this.stamp);
    this.time = t;
    this.order = o;
    this.payload = p;
    this.stamp = s;
  }
}
