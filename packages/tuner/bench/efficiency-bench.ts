/**
 * `pnpm bench` (packages/tuner): the reference's four efficiency experiments on the same
 * grids, this project's time next to the reference's published one (mean of its five
 * repetitions, `reference-data/autoslo/efficiency/*.csv`), and the ratio reference / ours.
 * Everything here runs in one thread and is timed in CPU seconds of this process (so other
 * load on the machine inflates it less than wall time); the reference's figures are wall
 * seconds, and its scenario evaluator used a process per parallel simulation, so that
 * comparison is one thread against n processes.
 *
 * Usage: tsx bench/efficiency-bench.ts [routing,autoscaling,evaluator,spinup]
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ClusterPool,
  chooseRpuForward,
  DEFAULT_LATENCY_MODEL,
  type QueryArrival,
  QueryRouter,
  runningQueryOn,
  SloObjective,
  SpinUpBudget,
} from '@autoslo/core';
import { evaluateBatch, type SimulationConfig, type SimulationWorkload } from '@autoslo/simulator';
import { SeededRandom } from '@autoslo/workload';
import { placementTimes, type QueryTimeline } from '../src/index.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const refDir = join(repo, 'reference-data/autoslo/efficiency');
const which = new Set(
  (process.argv[2] ?? 'routing,autoscaling,evaluator,spinup').split(',').filter(Boolean),
);

/** Mean `elapsed_s` of the reference's repetitions, by the grid columns `keys`. */
function referenceMeans(file: string, keys: readonly string[]): Map<string, number> {
  const lines = readFileSync(join(refDir, file), 'utf8').trim().split('\n');
  const header = splitCsv(lines[0] as string);
  const sums = new Map<string, { sum: number; n: number }>();
  for (const line of lines.slice(1)) {
    const cells = splitCsv(line);
    const row = new Map(header.map((h, i) => [h, cells[i] as string]));
    const key = keys.map((k) => normalize(row.get(k) as string)).join(' x ');
    const s = sums.get(key) ?? { sum: 0, n: 0 };
    s.sum += Number(row.get('elapsed_s'));
    s.n++;
    sums.set(key, s);
  }
  return new Map([...sums].map(([k, s]) => [k, s.sum / s.n]));
}

/** Splits one CSV line (double quotes around cells holding commas, as in the reference's). */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      out.push(cell);
      cell = '';
    } else cell += ch;
  }
  out.push(cell);
  return out;
}

const normalize = (v: string) => (/^\d+\.0$/.test(v) ? v.slice(0, -2) : v.replace(/\s/g, ''));

function printTable(title: string, rows: { key: string; ours: number; ref: number | undefined }[]) {
  console.log(`\n${title}`);
  console.log(
    `${'grid point'.padEnd(28)} ${'ours_s'.padStart(12)} ${'reference_s'.padStart(12)} ${'faster'.padStart(9)}`,
  );
  let worst = Number.POSITIVE_INFINITY;
  for (const r of rows) {
    const ratio = r.ref === undefined ? Number.NaN : r.ref / r.ours;
    if (!Number.isNaN(ratio)) worst = Math.min(worst, ratio);
    console.log(
      `${r.key.padEnd(28)} ${r.ours.toExponential(3).padStart(12)} ${
        r.ref === undefined ? '-'.padStart(12) : r.ref.toExponential(3).padStart(12)
      } ${Number.isNaN(ratio) ? '-'.padStart(9) : `${ratio.toFixed(0)}x`.padStart(9)}`,
    );
  }
  console.log(`smallest speed-up: ${worst.toFixed(0)}x`);
}

/** CPU seconds of this process since `since` (robust to other processes sharing the machine). */
function cpuSeconds(since?: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
}

/** Mean CPU seconds of `fn` over enough repetitions to fill about `budgetMs` of wall time. */
function timeIt(fn: () => void, budgetMs = 300): number {
  // Warm-up (the JIT's first tiers would otherwise be timed).
  const warm = performance.now();
  for (let i = 0; i < 50 || performance.now() - warm < budgetMs / 3; i++) fn();
  let reps = 0;
  const wall = performance.now();
  const cpu = process.cpuUsage();
  do {
    fn();
    reps++;
  } while (performance.now() - wall < budgetMs && reps < 100_000);
  return cpuSeconds(cpu) / reps;
}

function arrival(i: number, at: number, random: SeededRandom, meanS: number): QueryArrival {
  return {
    index: i,
    queryId: i,
    queryTextId: `tpcds#${String(1 + random.int(99)).padStart(3, '0')}#001`,
    arrivalS: at,
    sloS: 4 * meanS,
    triggerSloS: 2 * meanS,
    refServiceS: Math.max(0.01, random.exponential(1 / meanS)),
    noiseFactor: 1,
  };
}

// 1. Routing: one routing decision over `clusters` 16-RPU clusters holding `active` queries
//    each, relative SLO metric (as the reference measured), model-based routing.
if (which.has('routing')) {
  const ref = referenceMeans('routing_efficiency.csv', ['clusters', 'active_per_cluster']);
  const rows = [];
  for (const clusters of [1, 2, 4, 8]) {
    for (const active of [2, 4, 8, 16, 32]) {
      const random = new SeededRandom(clusters * 100 + active);
      const pool = new ClusterPool(DEFAULT_LATENCY_MODEL, new SpinUpBudget(Infinity, 0));
      for (let c = 0; c < clusters; c++) pool.addInitial(16, 0);
      let id = 0;
      for (const c of pool.ready()) {
        for (let k = 0; k < active; k++) {
          const a = arrival(id++, 0, random, 8);
          c.place(runningQueryOn(DEFAULT_LATENCY_MODEL, a, 16), 0);
        }
      }
      const objective = new SloObjective('relative', 0.1);
      const q = arrival(id, 1, random, 8);
      const ready = pool.ready();
      // A fresh router per decision: nothing cached from the previous one.
      const ours = timeIt(() => {
        QueryRouter.named('use_iconq_model', objective, DEFAULT_LATENCY_MODEL, 0.375).route(
          q,
          ready,
          1,
        );
      });
      const key = `${clusters} x ${active}`;
      rows.push({ key, ours, ref: ref.get(key) });
    }
  }
  printTable('Routing decision time (clusters x active queries per cluster)', rows);
}

// 2. Autoscaling: one forward-counterfactual decision, four 16-RPU clusters, a 120 s
//    window holding `perWindow` queries, candidate sizes as in the reference's grid.
if (which.has('autoscaling')) {
  const ref = referenceMeans('autoscaling_efficiency.csv', [
    'candidate_rpu',
    'queries_per_obs_window',
  ]);
  let rows: { key: string; ours: number; ref: number | undefined }[] = [];
  // Two passes over the grid, the first untimed in effect (JIT warm-up of the whole replay).
  for (const _pass of [0, 1]) {
    rows = [];
    for (const candidates of [[4], [4, 8], [4, 8, 16], [4, 8, 16, 32]]) {
      for (const perWindow of [16, 32, 64, 128, 256]) {
        const random = new SeededRandom(perWindow * 10 + candidates.length);
        const windowS = 120;
        const pool = new ClusterPool(DEFAULT_LATENCY_MODEL, new SpinUpBudget(Infinity, 0));
        for (let c = 0; c < 4; c++) pool.addInitial(16, 0);
        const objective = new SloObjective('binary', 0.1);
        const router = QueryRouter.named(
          'use_iconq_model',
          objective,
          DEFAULT_LATENCY_MODEL,
          0.375,
        );
        // The window's arrivals, routed and left running as the live pool would hold them.
        const trailing: QueryArrival[] = [];
        for (let i = 0; i < perWindow; i++) {
          const a = arrival(i, (windowS * (i + random.next())) / perWindow, random, 8);
          trailing.push(a);
          const d = router.route(a, pool.ready(), a.arrivalS);
          d.cluster.place(d.query, a.arrivalS);
        }
        let replayed = 0;
        const ours = timeIt(() => {
          replayed = chooseRpuForward({
            pool,
            router,
            now: windowS,
            spinUpDelayS: 60,
            trailing,
            windowS,
            maxReplayCopies: 30,
            minFinishedQueries: 30,
            candidateRpus: candidates,
            replace: false,
            pricePerRpuHour: 0.375,
          }).replayedQueries;
        });
        const key = `${JSON.stringify(candidates)} x ${perWindow}`;
        rows.push({ key: `${key} (${replayed} q)`, ours, ref: ref.get(key) });
      }
    }
  }
  printTable(
    'Autoscaling decision time (candidate RPU sizes x queries per observation window; replayed queries)',
    rows,
  );
}

// 3. Scenario evaluator: `parallel` simulations of `queries` Poisson (0.2 q/s) arrivals on
//    one 16-RPU cluster with the autoscaler on, all in this one thread.
if (which.has('evaluator')) {
  const ref = referenceMeans('scenario_evaluator_efficiency.csv', [
    'n_parallel',
    'n_queries_per_simulation',
  ]);
  const config: SimulationConfig = {
    slo_resolver_config: { slo_s: 40 },
    slo_objective_config: { slo_metric: 'binary', slo_threshold: 0.1 },
    provisioner_config: { spin_up_delay_s: 60 },
    managed_cluster_pool_config: { initial_rpus: [16], max_clusters: 5 },
    scheduled_spinups: [],
    query_router_config: { routing_policy_name: 'use_iconq_model' },
    autoscaler_config: {
      autoscaling_policy: 'add_single_best_forward',
      autoscaling_trigger_policy: 'combined_violations',
      allowed_rpu_sizes: [4, 8, 16, 32],
    },
  };
  const workload = (n: number, seed: number): SimulationWorkload => {
    const random = new SeededRandom(seed);
    const relStartS = new Float64Array(n);
    const latency = new Float64Array(n);
    const texts: string[] = new Array(n);
    let t = 0;
    for (let i = 0; i < n; i++) {
      t += random.exponential(0.2);
      relStartS[i] = t;
      latency[i] = Math.max(0.01, random.exponential(1 / 8));
      texts[i] = `tpcds#${String(1 + random.int(99)).padStart(3, '0')}#001`;
    }
    return {
      id: `poisson_${n}_${seed}`,
      name: `poisson_${n}_${seed}`,
      trace: {
        length: n,
        queryId: Float64Array.from({ length: n }, (_, i) => i),
        queryTextId: texts,
        isolatedLatencyS: latency,
      },
      relStartS,
    };
  };
  const rows = [];
  for (const parallel of [1, 4, 16]) {
    for (const queries of [64, 1024, 16384]) {
      const workloads = Array.from({ length: parallel }, (_, i) => workload(queries, i + 1));
      const cpu = process.cpuUsage();
      await evaluateBatch({ configs: [config], workloads, dataDir: repo, threads: 0 });
      const ours = cpuSeconds(cpu);
      const key = `${parallel} x ${queries}`;
      rows.push({ key, ours, ref: ref.get(key) });
    }
  }
  printTable(
    'Scenario evaluator time (simulations x queries per simulation; ours in one thread)',
    rows,
  );
}

// 4. Spin-up optimizer: the candidate search over `scenarios` timelines of `queries` queries
//    each (it scans per-query outcomes, as the reference's does; it simulates nothing).
if (which.has('spinup')) {
  const ref = referenceMeans('spinup_optimizer_efficiency.csv', [
    'n_scenarios',
    'queries_per_scenario',
  ]);
  /** A scenario's per-query outcomes: Poisson arrivals at 0.2 q/s, a congested middle third. */
  const timeline = (n: number, seed: number): QueryTimeline => {
    const random = new SeededRandom(seed);
    const arrivalS = new Float64Array(n);
    const completionS = new Float64Array(n);
    const violation = new Float64Array(n);
    let t = 0;
    for (let i = 0; i < n; i++) {
      t += random.exponential(0.2);
      const congested = i > n / 3 && i < (2 * n) / 3;
      const latency = random.exponential(1 / (congested ? 60 : 8));
      arrivalS[i] = t;
      completionS[i] = t + latency;
      violation[i] = latency > 40 ? 1 : 0;
    }
    return { arrivalS, completionS, violation };
  };
  const rows = [];
  for (const scenarios of [10, 20, 50]) {
    for (const queries of [64, 1024, 16384]) {
      const timelines = Array.from({ length: scenarios }, (_, i) => timeline(queries, i + 1));
      let found = 0;
      const ours = timeIt(() => {
        found = placementTimes(timelines, {
          threshold: 0.1,
          minDelinquentFraction: 0.5,
          leadTimeS: 360,
          minSpacingS: 360,
        }).length;
      });
      const key = `${scenarios} x ${queries}`;
      rows.push({ key: `${key} (${found} found)`, ours, ref: ref.get(key) });
    }
  }
  printTable('Spin-up optimizer search time (scenarios x queries per scenario)', rows);
}
