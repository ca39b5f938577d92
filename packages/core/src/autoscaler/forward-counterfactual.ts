/**
 * Choosing a spin-up size by forward counterfactual replay (reference "Algorithm 3").
 * The future is the trailing window repeated: copy k replays every recent arrival shifted
 * by (k+1)·W. Phase A replays, on a copy of the pool, up to the moment a new cluster would
 * be ready; phase B continues from that checkpoint once without a new cluster (baseline)
 * and once per candidate size, until enough post-ready queries finish, then adds the
 * predicted outcome of everything still running. The baseline wins ties ("do nothing");
 * among sizes tied with the best, the largest wins.
 */
import type { Cluster } from '../cluster/cluster.js';
import type { ClusterPool } from '../cluster/cluster-pool.js';
import type { QueryArrival } from '../control/query-arrival.js';
import type { RunningQuery } from '../latency/running-query.js';
import type { QueryRouter } from '../router/query-router.js';
import { cmp, idxOfBest, type Scored } from '../slo/slo-objective.js';

export interface CounterfactualInput {
  readonly pool: ClusterPool;
  readonly router: QueryRouter;
  readonly now: number;
  readonly spinUpDelayS: number;
  readonly trailing: readonly QueryArrival[];
  readonly windowS: number;
  readonly maxReplayCopies: number;
  readonly minFinishedQueries: number;
  readonly candidateRpus: readonly number[];
  /** Replace policy: every other READY cluster drains once the new one is ready. */
  readonly replace: boolean;
  readonly pricePerRpuHour: number;
}

export interface CandidateOutcome extends Scored {
  /** null = the baseline (no spin-up). */
  readonly rpu: number | null;
  readonly finished: number;
}

export interface CounterfactualResult {
  /** The chosen size, or null when doing nothing is at least as good. */
  readonly rpu: number | null;
  readonly candidates: readonly CandidateOutcome[];
  readonly replayedQueries: number;
}

/** The synthetic future: copies of the trailing window, in arrival order. */
function syntheticFuture(
  trailing: readonly QueryArrival[],
  windowS: number,
  copies: number,
  horizon: number,
) {
  const out: QueryArrival[] = [];
  let id = -1;
  for (let k = 0; k < copies; k++) {
    for (const q of trailing) {
      out.push({ ...q, index: id, queryId: id, arrivalS: q.arrivalS + (k + 1) * windowS });
      id--;
    }
    // Enough copies once the replay runs well past the ready time (phase B needs some).
    if (out.length > 0 && (out.at(-1) as QueryArrival).arrivalS > horizon) break;
  }
  out.sort((a, b) => a.arrivalS - b.arrivalS || b.index - a.index);
  return out;
}

/** Finishes every query whose (predicted) completion is at or before `t`, in time order. */
function finishUpTo(
  pool: ClusterPool,
  t: number,
  onFinish?: (q: RunningQuery, at: number) => void,
): void {
  const live = pool.live();
  for (;;) {
    let best: Cluster | undefined;
    let bestT = Number.POSITIVE_INFINITY;
    for (const c of live) {
      const ct = c.execution.nextCompletionTime();
      if (ct < bestT) {
        bestT = ct;
        best = c;
      }
    }
    if (best === undefined || bestT > t) return;
    const q = best.execution.nextCompletingQuery() as RunningQuery;
    best.finish(q, bestT);
    pool.settleDraining(best, bestT);
    onFinish?.(q, bestT);
  }
}

export function chooseRpuForward(input: CounterfactualInput): CounterfactualResult {
  const { now, trailing, router } = input;
  const readyAt = now + input.spinUpDelayS;
  if (trailing.length === 0) return { rpu: null, candidates: [], replayedQueries: 0 };
  // Phase B stops after `minFinishedQueries` post-ready completions; a few windows past
  // the ready time are enough for that, the copy cap bounds the rest.
  const horizon =
    readyAt + input.windowS * (2 + Math.ceil(input.minFinishedQueries / trailing.length));
  const future = syntheticFuture(trailing, input.windowS, input.maxReplayCopies, horizon);
  let replayed = 0;

  // Phase A: shared by every candidate.
  const base = input.pool.forkLive(new Map());
  const routerA = router.fresh();
  let pos = 0;
  for (; pos < future.length; pos++) {
    const q = future[pos] as QueryArrival;
    if (q.arrivalS >= readyAt) break;
    finishUpTo(base, q.arrivalS);
    const ready = base.ready();
    if (ready.length === 0) continue;
    const d = routerA.route(q, ready, q.arrivalS);
    d.cluster.place(d.query, q.arrivalS);
    replayed++;
  }
  const checkpoint = pos;

  // Phase B: the baseline first, so it wins ties.
  const sizes: (number | null)[] = [null, ...input.candidateRpus];
  const outcomes: CandidateOutcome[] = [];
  for (const rpu of sizes) {
    const pool = base.forkLive(new Map());
    if (rpu !== null) {
      const h = pool.addHypothetical(rpu, now);
      if (input.replace) pool.drainAllBut(h.name);
    }
    const r = router.fresh();
    let sum = 0;
    let count = 0;
    let finished = 0;
    let lastT = Math.max(now, future[checkpoint - 1]?.arrivalS ?? now);
    const record = (q: RunningQuery, at: number) => {
      if (q.arrivalS < readyAt) return;
      sum += router.objective.violation(at - q.arrivalS, q.sloS);
      count++;
      finished++;
    };
    for (let i = checkpoint; i < future.length; i++) {
      const q = future[i] as QueryArrival;
      finishUpTo(pool, q.arrivalS, record);
      if (finished >= input.minFinishedQueries) break;
      const ready = pool.ready();
      lastT = q.arrivalS;
      if (ready.length === 0) continue;
      const d = r.route(q, ready, q.arrivalS);
      d.cluster.place(d.query, q.arrivalS);
      replayed++;
    }
    // Drain phase: what is still running counts with its predicted latency.
    let costUsd = 0;
    for (const c of pool.live()) {
      let drainEnd = lastT;
      r.predictor.completions(c, lastT, (q, at) => {
        drainEnd = Math.max(drainEnd, at);
        sum += router.objective.violation(at - q.arrivalS, q.sloS);
        count++;
      });
      costUsd += c.costOfSeconds(c.billedSecondsUntilDrained(drainEnd), input.pricePerRpuHour);
    }
    outcomes.push({ rpu, violation: count === 0 ? 0 : sum / count, cost: costUsd, finished });
  }

  const threshold = router.objective.threshold;
  const best = idxOfBest(outcomes, threshold);
  if (best <= 0) return { rpu: null, candidates: outcomes, replayedQueries: replayed };
  let chosen = outcomes[best] as CandidateOutcome;
  for (const o of outcomes) {
    if (o.rpu !== null && cmp(o, chosen, threshold) === 0 && o.rpu > (chosen.rpu as number))
      chosen = o;
  }
  return { rpu: chosen.rpu, candidates: outcomes, replayedQueries: replayed };
}
