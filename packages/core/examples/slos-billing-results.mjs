// Run from the repository root after `pnpm build`: node packages/core/examples/slos-billing-results.mjs
import { fileURLToPath } from 'node:url';
import {
  aggregateSummaries,
  BillingAccumulator,
  buildBillingIntervalAnalysis,
  buildSloTablesFromLog,
  costOf,
  idxOfBest,
  SloObjective,
  SloResolver,
  StructuredLog,
  summarizeExecution,
  totalBilledCost,
} from '@autoslo/core';

// SLOs from a bundled table: template 001 has 12.814 s at κ=4; unknown templates get slo_s.
const resolver = SloResolver.fromConfig(
  { slo_s: 30, slo_dict_filename: '1778469201294_p100_k4.yml', slo_tightening_factor: 1 },
  fileURLToPath(new URL('../../../reference-data/autoslo/data', import.meta.url)),
);
console.log(resolver.sloFor('ext_tpcds1000#001#002'), resolver.sloFor('tpcds#500#001')); // 12.814 30

// Billing: busy windows merge, each group is billed ≥ 60 s in whole seconds.
const billing = new BillingAccumulator();
billing.add(0, 12); // [0, 60) billed 60 s
console.log(billing.billedSecondsIfAdded(40, 100)); // 100: would extend the group to [0, 100]
billing.add(200, 230.2); // a new group, 60 s
console.log(billing.billedSeconds(), costOf(billing.billedSeconds(), 16)); // 120 0.2

// A run's log, scored under the resolver.
const log = new StructuredLog();
log.append({
  rel_time_s: 0,
  event_type: 'run_start',
  source: 'simulator',
  details: { closed_loop: true },
});
log.append({
  rel_time_s: 0,
  event_type: 'arrival',
  source: 'simulator',
  query_id: 1,
  query_text_id: 'tpcds#001#001',
});
log.append({
  rel_time_s: 20,
  event_type: 'completion',
  source: 'simulator',
  query_id: 1,
  query_text_id: 'tpcds#001#001',
});
const analysis = buildBillingIntervalAnalysis([
  { name: 'autoslo-16-demo-000', rpu: 16, numCompletedQueries: 1, intervals: billing.intervals() },
]);
const summary = summarizeExecution(log, { resolver, totalCost: totalBilledCost(analysis) });
console.log(summary.violation_rate, summary.violation_amount_s.toFixed(3), summary.total_cost); // 1 7.186 0.2

// Choosing among (violation, cost) pairs, feasibility first.
const objective = SloObjective.fromConfig({ slo_metric: 'binary', slo_threshold: 0.05 });
console.log(
  idxOfBest(
    [
      { violation: 0.2, cost: 1 },
      { violation: 0.04, cost: 5 },
      { violation: 0, cost: 4 },
    ],
    objective.threshold,
  ),
); // 2
console.log(aggregateSummaries([summary, { ...summary, violation_rate: 0 }], 'p95').violation_rate); // 0.95

// SLO tables from the log, in the reference's file format.
const [table] = buildSloTablesFromLog(log, {
  runId: 'demo',
  aggregations: ['p100'],
  multipliers: [4],
}).tables;
process.stdout.write(table.text); // run_id: demo … slo_dict: '001': 80.0
