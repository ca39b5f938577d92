export { type BillingLedger, ForkedBilling } from './billing-ledger.js';
export { Cluster, type ClusterState } from './cluster.js';
export { ClusterPool, type TeardownOutcome } from './cluster-pool.js';
export { SpinUpBudget } from './spin-up-budget.js';
