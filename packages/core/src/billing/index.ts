export { billIntervals, type ClusterBill } from './bill-intervals.js';
export { type BilledInterval, BillingAccumulator } from './billing-accumulator.js';
export {
  BILLING_MINIMUM_S,
  billedDuration,
  costOf,
  costPerSecond,
  DEFAULT_PRICE_PER_RPU_HOUR,
} from './billing-rules.js';
