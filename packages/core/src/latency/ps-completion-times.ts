/**
 * Predicted completion time of any one admitted query under processor sharing, assuming no
 * further arrivals, in O(log n) instead of a walk over the whole queue.
 *
 * With the admitted queries sorted by remaining work `rho_1 <= ... <= rho_N` (queries whose
 * work is already done leave at `t0`), the i-th completion is preceded by `m_i = N - i + 1`
 * active queries progressing at `min(1, c/m_i)`. While `m_i >= c` (the "head", ranks
 * `i <= h = floor(N + 1 - c)`), summation by parts gives the closed form
 *
 *   T_j = t0 + (sum_{i<j} rho_i + (N - j + 1) * rho_j) / c
 *
 * (the work served before j leaves, at rate c); past the head every query runs at rate 1:
 * `T_j = T_h + rho_j - rho_h`. A hypothetical extra query merges into the order after
 * equal tags, exactly as the event walk `ProcessorSharingExecution.predict` places it.
 * Both agree up to floating-point rounding.
 */
import type { TagNode, TagOrder } from './tag-order.js';

export class CompletionTimes {
  private order!: TagOrder;
  private c = 1;
  private t0 = 0;
  private v0 = 0;
  /** Nodes whose tag is at most v0 (done, leaving at t0), and their remaining work. */
  private overdue = 0;
  private overdueSum = 0;
  /** Effective count (not overdue, extra included). */
  private n = 0;
  private h = 0;
  private hasExtra = false;
  private extraRho = 0;
  /** 1-based effective rank of the extra query, and the work of everyone before it. */
  private extraRank = 0;
  private extraBefore = 0;
  private headEndKnown = false;
  private headEndT = 0;
  private headEndRho = 0;
  /** Set by `atRank`: remaining work of the rank, and of everyone before it. */
  private rho = 0;
  private before = 0;

  /** Sets the state: `order` at virtual time `v0`, wall time `t0`, optional extra work. */
  reset(order: TagOrder, c: number, t0: number, v0: number, extraWork?: number): this {
    this.order = order;
    this.c = c;
    this.t0 = t0;
    this.v0 = v0;
    // Usually nothing is overdue: one look at the first node instead of a descent.
    const first = order.first();
    this.overdue = first === undefined || first.tag > v0 ? 0 : order.countAtMost(v0, v0);
    this.overdueSum = this.overdue === 0 ? 0 : order.countedSumMinus;
    const base = order.size - this.overdue;
    this.hasExtra = extraWork !== undefined && extraWork > 0;
    this.extraRho = this.hasExtra ? (extraWork as number) : 0;
    this.extraRank = 0;
    this.extraBefore = 0;
    if (this.hasExtra) {
      this.extraRank = order.countAtMost(v0 + this.extraRho, v0) - this.overdue + 1;
      this.extraBefore = order.countedSumMinus - this.overdueSum;
    }
    this.n = base + (this.hasExtra ? 1 : 0);
    this.h = Math.max(0, Math.min(this.n, Math.floor(this.n + 1 - c)));
    this.headEndKnown = false;
    return this;
  }

  /** Sets (`rho`, `before`) of effective rank `r` (1-based). */
  private atRank(r: number): void {
    if (this.hasExtra && r === this.extraRank) {
      this.rho = this.extraRho;
      this.before = this.extraBefore;
      return;
    }
    const afterExtra = this.hasExtra && r > this.extraRank;
    const b = afterExtra ? r - 1 : r;
    const node = this.order.selectWithPrefix(this.overdue + b - 1, this.v0);
    this.rho = node.tag - this.v0;
    this.before = this.order.foundSumMinus - this.overdueSum + (afterExtra ? this.extraRho : 0);
  }

  private headTime(r: number, rho: number, before: number): number {
    return this.t0 + (before + (this.n - r + 1) * rho) / this.c;
  }

  private timeAt(r: number, rho: number, before: number): number {
    if (r <= this.h) return this.headTime(r, rho, before);
    if (this.h === 0) return this.t0 + rho;
    if (!this.headEndKnown) {
      this.atRank(this.h);
      this.headEndRho = this.rho;
      this.headEndT = this.headTime(this.h, this.rho, this.before);
      this.headEndKnown = true;
    }
    return this.headEndT + (rho - this.headEndRho);
  }

  /** Predicted completion of an admitted query. */
  of(node: TagNode): number {
    if (node.tag <= this.v0) return this.t0;
    this.order.rankOf(node, this.v0);
    const index = this.order.foundIndex;
    const b = index - this.overdue + 1;
    let before = this.order.foundSumMinus - this.overdueSum;
    let r = b;
    if (this.hasExtra && b >= this.extraRank) {
      r = b + 1;
      before += this.extraRho;
    }
    return this.timeAt(r, node.tag - this.v0, before);
  }

  /** Predicted completion of the extra query (t0 when it has no work). */
  ofExtra(): number {
    if (!this.hasExtra) return this.t0;
    return this.timeAt(this.extraRank, this.extraRho, this.extraBefore);
  }

  /** When the last query leaves (t0 when every query is done or none is admitted). */
  last(): number {
    if (this.n === 0) return this.t0;
    if (this.h < this.n) {
      // In the tail: only the largest remaining work matters, no prefix sum needed.
      const max = this.order.last();
      const rho =
        this.hasExtra && (max === undefined || this.extraRho >= max.tag - this.v0)
          ? this.extraRho
          : (max as TagNode).tag - this.v0;
      return this.timeAt(this.n, rho, 0);
    }
    this.atRank(this.n);
    return this.timeAt(this.n, this.rho, this.before);
  }
}
