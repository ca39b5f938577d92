/**
 * The latency model against queueing theory: one cluster with parallelism 1 under Poisson
 * arrivals is M/G/1 processor sharing, whose mean response time is E[S]/(1 - rho) for any
 * service distribution; with an admission limit of one it is M/M/1 FCFS. Long suite: a short
 * run of the same check is in queueing-theory.test.ts.
 */
import { simulate } from '../src/index.js';
import { poissonWorkload } from './helpers.js';
import { deterministic, exponential, SeenByArrivals, single } from './queueing-helpers.js';

// Longer runs at higher load: the variance of the sample mean grows like 1/(1 - rho)^3.
// Deterministic service at rho 0.8: across seeds the error of 150_000 queries spreads about
// 1.5% (3% is then two standard errors), so it runs as long as the exponential case.
const RUN_LENGTH: Record<string, Record<number, number>> = {
  exponential: { 0.3: 60_000, 0.6: 120_000, 0.8: 400_000 },
  deterministic: { 0.3: 60_000, 0.6: 100_000, 0.8: 400_000 },
};
describe('one cluster, parallelism 1, Poisson arrivals', () => {
  for (const [name, service] of [
    ['exponential', exponential],
    ['deterministic', deterministic],
  ] as const) {
    for (const rho of [0.3, 0.6, 0.8]) {
      it(`${name} service at rho ${rho}: mean latency within 3% of E[S]/(1-rho), Little's law`, async () => {
        const N = RUN_LENGTH[name]?.[rho] as number;
        const workload = poissonWorkload(N, rho, service, 1000 + rho * 10);
        const sink = new SeenByArrivals();
        const out = await simulate(single(), workload, { dataDir: '.', sink });
        const meanS = [...workload.trace.isolatedLatencyS!].reduce((a, b) => a + b, 0) / N;
        const meanLatency = sink.latencySum / N;
        expect(out.queries).toBe(N);
        expect(Math.abs(meanLatency / (meanS / (1 - rho)) - 1)).toBeLessThan(0.03);
        // Little: L = lambda * W, L measured independently as the number seen by arrivals.
        const lambda = N / (workload.relStartS[N - 1] as number);
        expect(Math.abs(sink.seenSum / sink.arrivals / (lambda * meanLatency) - 1)).toBeLessThan(
          0.03,
        );
      });
    }
  }

  it('with admission limit 1 is M/M/1 FCFS: mean wait rho E[S] / (1 - rho)', async () => {
    const rho = 0.6;
    const N = 200_000;
    const workload = poissonWorkload(N, rho, exponential, 77);
    const sink = new SeenByArrivals();
    await simulate(single(1), workload, { dataDir: '.', sink });
    const meanS = [...workload.trace.isolatedLatencyS!].reduce((a, b) => a + b, 0) / N;
    const meanWait = sink.latencySum / N - meanS;
    expect(Math.abs(meanWait / ((rho * meanS) / (1 - rho)) - 1)).toBeLessThan(0.03);
  });
});
