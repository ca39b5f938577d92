/**
 * The incremental binary forecast (`forecastBinary`, O(open · log n)) against the exact
 * event walk (`predict`) on small overloaded clusters, and the router's decisions with
 * either: they must agree query for query.
 */
import {
  type Cluster,
  type ClusterForecast,
  ClusterPool,
  ConcurrencyAwarePredictor,
  DEFAULT_LATENCY_MODEL,
  emptyForecast,
  type ForecastOptions,
  ProcessorSharingExecution,
  type QueryArrival,
  QueryRouter,
  type RunningQuery,
  runningQueryOn,
  SloObjective,
  SpinUpBudget,
} from '../src/index.js';

/** mulberry32: a small seeded generator for the test's random cases. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const exp = (r: () => number, mean: number) => -Math.log(1 - r()) * mean;

function query(index: number, arrivalS: number, work: number, slo: number, trueWork = work) {
  return {
    index,
    queryId: index,
    queryTextId: 'tpcds#001#001',
    arrivalS,
    sloS: slo,
    triggerSloS: slo * 0.8,
    predictedWorkS: work,
    trueWorkS: trueWork,
    admittedV: Number.NaN,
  } satisfies RunningQuery;
}

/** A bare cluster around an execution (the predictors only read its execution). */
function clusterOf(execution: ProcessorSharingExecution): Cluster {
  const pool = new ClusterPool(DEFAULT_LATENCY_MODEL, new SpinUpBudget(Infinity, 0));
  const c = pool.addInitial(16, 0);
  (c as { execution: ProcessorSharingExecution }).execution = execution;
  return c;
}

function expectSameForecast(fast: ClusterForecast, exact: ClusterForecast, what: string) {
  const got = { ...fast };
  const want = { ...exact };
  expect([what, got.violationSum, got.count]).toEqual([what, want.violationSum, want.count]);
  expect(got.drainEndS).toBeCloseTo(want.drainEndS, 6);
  if (Number.isNaN(want.extraLatencyS)) expect(got.extraLatencyS).toBeNaN();
  else expect(got.extraLatencyS).toBeCloseTo(want.extraLatencyS, 6);
}

describe('incremental binary forecast', () => {
  const fast = new ConcurrencyAwarePredictor('incremental');
  const exact = new ConcurrencyAwarePredictor('exact');

  function compare(cluster: Cluster, now: number, options: ForecastOptions, extra?: RunningQuery) {
    const a = fast.forecast(cluster, now, options, extra, emptyForecast());
    const b = exact.forecast(cluster, now, options, extra, emptyForecast());
    expectSameForecast(a, b, `t=${now} ${JSON.stringify(options)} extra=${extra?.index}`);
  }

  it.each([
    [1, 1, 0],
    [2, 4, 0],
    [3, 2.5, 0],
    [4, 4, 0.5],
    [5, 1, 0.3],
  ])(
    'agrees with the exact walk through an overloaded run (seed %i, c = %f, noise cv %f)',
    (seed, c, noise) => {
      const r = rng(seed);
      const ps = new ProcessorSharingExecution(c);
      const cluster = clusterOf(ps);
      let now = 0;
      let id = 0;
      // Offered load about 3x the capacity: the queue grows to a few hundred.
      const meanWork = 8;
      const rate = (3 * c) / meanWork;
      for (let step = 0; step < 450; step++) {
        const nextArrival = now + exp(r, 1 / rate);
        // Finish everything due before the next arrival, as the simulator does.
        for (;;) {
          const t = ps.nextCompletionTime();
          if (t > nextArrival) break;
          ps.remove(ps.nextCompletingQuery() as RunningQuery, t);
        }
        now = nextArrival;
        const work = exp(r, meanWork);
        const slo = 5 + r() * 60;
        const trueWork = noise > 0 ? work * Math.exp(noise * (r() - 0.5)) : work;
        const probe = query(id, now, work, slo, trueWork);
        if (step % 3 === 0) {
          compare(cluster, now, { metric: 'binary' });
          compare(cluster, now, { metric: 'binary' }, probe);
          compare(cluster, now, { metric: 'binary', triggerSlo: true, minArrivalS: now / 2 });
        }
        ps.add(query(id++, now, work, slo, trueWork), now);
      }
      expect(ps.activeCount).toBeGreaterThan(50);
    },
  );

  it('falls back to the exact walk with an admission queue, same answer', () => {
    const r = rng(9);
    const ps = new ProcessorSharingExecution(2, 5);
    const cluster = clusterOf(ps);
    let now = 0;
    for (let i = 0; i < 40; i++) {
      now += exp(r, 1);
      ps.add(query(i, now, exp(r, 4), 10 + r() * 20), now);
      compare(cluster, now, { metric: 'binary' }, query(1000 + i, now, exp(r, 4), 15));
    }
    expect(ps.waitingCount).toBeGreaterThan(0);
  });
});

describe('router decisions, incremental vs exact forecasts', () => {
  /** Routes an overloaded Poisson stream over a pool; returns each arrival's choice and scores. */
  function routeAll(mode: 'incremental' | 'exact', rpus: number[], n: number, seed: number) {
    const r = rng(seed);
    const pool = new ClusterPool(DEFAULT_LATENCY_MODEL, new SpinUpBudget(Infinity, 0));
    for (const rpu of rpus) pool.addInitial(rpu, 0);
    const router = QueryRouter.named(
      'use_iconq_model',
      new SloObjective('binary', 0.1),
      DEFAULT_LATENCY_MODEL,
      0.375,
      0,
    );
    const routerOf = new QueryRouter(
      router.factory,
      router.objective,
      router.latencyModel,
      router.pricePerRpuHour,
      0,
      mode,
    );
    // 2x the pool's capacity at the reference size (parallelism 4 per 16 RPU).
    const capacity = rpus.reduce((s, x) => s + x / 4, 0);
    const rate = (2 * capacity) / 8;
    const choices: string[] = [];
    let now = 0;
    for (let i = 0; i < n; i++) {
      now += exp(r, 1 / rate);
      for (;;) {
        let best: Cluster | undefined;
        let bestT = Number.POSITIVE_INFINITY;
        for (const c of pool.live()) {
          const t = c.execution.nextCompletionTime();
          if (t < bestT) {
            bestT = t;
            best = c;
          }
        }
        if (best === undefined || bestT > now) break;
        best.finish(best.execution.nextCompletingQuery() as RunningQuery, bestT);
      }
      const arrival: QueryArrival = {
        index: i,
        queryId: i,
        queryTextId: 'tpcds#001#001',
        arrivalS: now,
        sloS: 10 + r() * 50,
        triggerSloS: 30,
        refServiceS: exp(r, 8),
        noiseFactor: 1,
      };
      const d = routerOf.route(arrival, pool.ready(), now, true);
      choices.push(
        `${d.cluster.name} ${d.scores?.map((s) => `${s.violation}/${s.cost}`).join(' ')}`,
      );
      d.cluster.place(runningQueryOn(DEFAULT_LATENCY_MODEL, arrival, d.cluster.rpu), now);
    }
    return choices;
  }

  it.each([
    [[16, 16, 16, 16], 11],
    [[16, 32], 12],
    [[8, 16, 64], 13],
  ])('picks the same cluster with the same scores for every query (%j)', (rpus, seed) => {
    const fast = routeAll('incremental', rpus, 1000, seed);
    const exact = routeAll('exact', rpus, 1000, seed);
    expect(fast).toEqual(exact);
    // Overloaded: the chosen clusters are not all the same and queues build.
    expect(new Set(fast.map((c) => c.split(' ')[0])).size).toBeGreaterThan(1);
  });
});
