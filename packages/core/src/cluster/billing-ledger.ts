/**
 * What a cluster needs from billing: busy windows added in time order, and "billed
 * seconds if this window were added". The live cluster uses `BillingAccumulator`;
 * counterfactual replays use a cheap fork of it.
 */
import { BillingAccumulator } from '../billing/billing-accumulator.js';

export interface BillingLedger {
  add(start: number, end: number): void;
  billedSeconds(): number;
  billedSecondsIfAdded(start: number, end: number): number;
}

/**
 * A fork of an accumulator for windows that start after everything it holds: the closed
 * groups are frozen into a sum, and only the latest group (which a new window may still
 * merge with) is carried over, its raw end rounded up to the billed second.
 */
export class ForkedBilling implements BillingLedger {
  private readonly frozenS: number;
  private readonly tail = new BillingAccumulator();

  constructor(base: BillingLedger) {
    if (base instanceof ForkedBilling) {
      const tailLast = base.tail.lastInterval();
      this.frozenS = base.frozenS + base.tail.billedSeconds() - (tailLast?.billed_s ?? 0);
      if (tailLast) this.tail.add(tailLast.start_s, tailLast.end_s);
      return;
    }
    const last = base instanceof BillingAccumulator ? base.lastInterval() : undefined;
    this.frozenS = base.billedSeconds() - (last?.billed_s ?? 0);
    if (last) this.tail.add(last.start_s, last.end_s);
  }

  add(start: number, end: number): void {
    this.tail.add(start, end);
  }

  billedSeconds(): number {
    return this.frozenS + this.tail.billedSeconds();
  }

  billedSecondsIfAdded(start: number, end: number): number {
    return this.frozenS + this.tail.billedSecondsIfAdded(start, end);
  }
}
