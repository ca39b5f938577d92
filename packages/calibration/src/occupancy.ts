/**
 * How many queries were executing on one workgroup at every moment, from the measured
 * execution intervals themselves. Under processor sharing with parallelism c, a query
 * executing over [s, e] received `W = ∫ min(1, c / n(t)) dt` of service: its isolated
 * service time. So for a candidate c the measured intervals give every query's isolated
 * time exactly, without simulating anything; the fit picks the c under which those times
 * are most consistent (latency-model-fit.ts).
 */

export interface ExecutionInterval {
  readonly startS: number;
  readonly endS: number;
}

export class Occupancy {
  /** Breakpoints, ascending; `count[k]` queries execute on `[times[k], times[k+1])`. */
  private readonly times: Float64Array;
  private readonly count: Int32Array;
  /** Breakpoint index of each observed query's start and end. */
  private readonly startAt: Int32Array;
  private readonly endAt: Int32Array;
  private readonly cumulative: Float64Array;

  /**
   * @param intervals every query that executed on the workgroup (any outcome: a failed
   *   query also took its share while it ran)
   * @param observed the intervals whose service is asked for, in the order of the answers
   */
  constructor(
    intervals: readonly ExecutionInterval[],
    readonly observed: readonly ExecutionInterval[],
  ) {
    const edges: { t: number; d: number }[] = [];
    for (const iv of intervals) {
      if (!(iv.endS > iv.startS)) continue;
      edges.push({ t: iv.startS, d: 1 }, { t: iv.endS, d: -1 });
    }
    edges.sort((a, b) => a.t - b.t || a.d - b.d);
    const times: number[] = [];
    const count: number[] = [];
    let n = 0;
    for (const e of edges) {
      n += e.d;
      if (times.length > 0 && times[times.length - 1] === e.t) count[count.length - 1] = n;
      else {
        times.push(e.t);
        count.push(n);
      }
    }
    this.times = Float64Array.from(times);
    this.count = Int32Array.from(count);
    this.cumulative = new Float64Array(times.length);
    this.startAt = Int32Array.from(observed, (iv) => this.indexAt(iv.startS));
    this.endAt = Int32Array.from(observed, (iv) => this.indexAt(iv.endS));
  }

  /** Index of the last breakpoint at or before `t` (-1 before the first). */
  private indexAt(t: number): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.times[mid] as number) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** Most queries executing at once. */
  maxConcurrency(): number {
    let m = 0;
    for (const c of this.count) m = Math.max(m, c);
    return m;
  }

  /** Queries executing at time `t`. */
  concurrencyAt(t: number): number {
    const k = this.indexAt(t);
    return k < 0 ? 0 : (this.count[k] as number);
  }

  /** Seconds during which more than `c` queries executed, weighted by the excess share. */
  contendedSeconds(c: number): number {
    let s = 0;
    for (let k = 0; k + 1 < this.times.length; k++) {
      const n = this.count[k] as number;
      if (n > c) s += ((this.times[k + 1] as number) - (this.times[k] as number)) * (1 - c / n);
    }
    return s;
  }

  /** Service each observed query received at parallelism `c`, into `out`. */
  serviceAt(c: number, out: Float64Array, offset = 0): void {
    const { times, count, cumulative } = this;
    let acc = 0;
    for (let k = 0; k < times.length; k++) {
      cumulative[k] = acc;
      if (k + 1 < times.length) {
        const n = count[k] as number;
        const rate = n <= c ? 1 : c / n;
        acc += ((times[k + 1] as number) - (times[k] as number)) * rate;
      }
    }
    const at = (k: number, t: number): number => {
      if (k < 0) return 0;
      const n = count[k] as number;
      const rate = n <= c ? 1 : c / n;
      return (cumulative[k] as number) + (t - (times[k] as number)) * rate;
    };
    for (let i = 0; i < this.observed.length; i++) {
      const iv = this.observed[i] as ExecutionInterval;
      out[offset + i] =
        at(this.endAt[i] as number, iv.endS) - at(this.startAt[i] as number, iv.startS);
    }
  }
}
