/**
 * Fits the analytic latency model to measured runs.
 *
 * For a candidate parallelism per RPU `p`, every observed query's isolated service time at
 * its workgroup's RPU follows from the measured intervals (occupancy.ts). The model says
 * `log W = log S_ref(q) + alpha * log(r_ref / r) + e`, with `e` the log of a mean-one
 * log-normal noise factor, so for each `p` a least-squares fit with one intercept per
 * template and one slope gives `alpha`, every `S_ref(q)` and the residual variance; `p` is
 * the value that minimises that variance (the profile likelihood), searched on a log grid
 * and refined. A parameter the data cannot pin down (one RPU size: `alpha`; no moment with
 * more queries executing than the fitted parallelism: `p`; nobody queued: the admission
 * limit; too few repeats: noise) is reported as such and keeps its prior.
 */
import type { LatencyModelSettings } from '@autoslo/core';
import type { ObservationSummary } from './observations.js';

export interface FittedParameter {
  readonly name: string;
  /** The value to use: the fit where identified, else the prior. */
  readonly value: number | null;
  readonly prior: number | null;
  readonly identified: boolean;
  /** Approximate 95% interval of the fit (identified parameters). */
  readonly interval: readonly [number, number] | null;
  /** Why it is, or is not, identified. */
  readonly note: string;
}

export interface TemplateFit {
  readonly queryTextId: string;
  readonly observations: number;
  /** Isolated latency at the reference RPU, seconds (mean over noise). */
  readonly isolatedLatencyS: number;
  /** Noise CV of this template alone (null with fewer than `MIN_NOISE_OBSERVATIONS`). */
  readonly noiseCv: number | null;
}

export interface LatencyModelFit {
  readonly referenceRpu: number;
  readonly rpuExponent: FittedParameter;
  readonly parallelismPerRpu: FittedParameter;
  readonly admissionLimit: FittedParameter;
  readonly noiseCv: FittedParameter;
  readonly templates: readonly TemplateFit[];
  readonly observations: number;
  readonly rpuSizes: readonly number[];
  readonly maxConcurrency: number;
}

/** Per-template noise needs at least this many observations. */
export const MIN_NOISE_OBSERVATIONS = 10;
const P_MIN = 0.005;
const P_MAX = 8;
const GRID = 96;
/** chi-square(1) at 95%: the likelihood-ratio interval. */
const CHI2_95 = 3.841;

interface Regression {
  readonly sse: number;
  readonly alpha: number;
  readonly alphaSe: number;
  readonly intercepts: Map<string, { sum: number; n: number; a: number }>;
  readonly dof: number;
  readonly residuals: Float64Array;
}

export class LatencyModelFitter {
  private readonly n: number;
  private readonly work: Float64Array;
  private readonly x: Float64Array;
  private readonly template: string[] = [];
  private readonly templateIndex: Int32Array;
  private readonly templateNames: string[];
  readonly alphaIdentified: boolean;

  constructor(
    private readonly data: ObservationSummary,
    private readonly prior: LatencyModelSettings,
  ) {
    this.n = data.observed;
    this.work = new Float64Array(this.n);
    this.x = new Float64Array(this.n);
    for (const g of data.groups) {
      for (const t of g.templates) {
        this.x[this.template.length] = Math.log(prior.referenceRpu / g.rpu);
        this.template.push(t);
      }
    }
    this.templateNames = [...new Set(this.template)].sort();
    const index = new Map(this.templateNames.map((t, i) => [t, i]));
    this.templateIndex = Int32Array.from(this.template, (t) => index.get(t) as number);
    // alpha needs some template seen at two sizes.
    const sizes = new Map<number, Set<number>>();
    for (let i = 0; i < this.n; i++) {
      const k = this.templateIndex[i] as number;
      const s = sizes.get(k) ?? new Set<number>();
      s.add(this.x[i] as number);
      sizes.set(k, s);
    }
    this.alphaIdentified = [...sizes.values()].some((s) => s.size > 1);
  }

  /** Isolated service of every observation at parallelism per RPU `p`. */
  private serviceAt(p: number): void {
    let offset = 0;
    for (const g of this.data.groups) {
      g.occupancy.serviceAt(Math.max(1, g.rpu * p), this.work, offset);
      offset += g.templates.length;
    }
  }

  /** The within-template regression of log work on log(r_ref / r) at `p`. */
  regressionAt(p: number): Regression {
    this.serviceAt(p);
    const k = this.templateNames.length;
    const sumY = new Float64Array(k);
    const sumX = new Float64Array(k);
    const cnt = new Float64Array(k);
    const y = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const t = this.templateIndex[i] as number;
      y[i] = Math.log(Math.max(1e-9, this.work[i] as number));
      sumY[t] = (sumY[t] as number) + (y[i] as number);
      sumX[t] = (sumX[t] as number) + (this.x[i] as number);
      cnt[t] = (cnt[t] as number) + 1;
    }
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < this.n; i++) {
      const t = this.templateIndex[i] as number;
      const dx = (this.x[i] as number) - (sumX[t] as number) / (cnt[t] as number);
      const dy = (y[i] as number) - (sumY[t] as number) / (cnt[t] as number);
      sxy += dx * dy;
      sxx += dx * dx;
    }
    const alpha = this.alphaIdentified && sxx > 0 ? sxy / sxx : this.prior.rpuExponent;
    const intercepts = new Map<string, { sum: number; n: number; a: number }>();
    const a = new Float64Array(k);
    for (let t = 0; t < k; t++) {
      a[t] = ((sumY[t] as number) - alpha * (sumX[t] as number)) / (cnt[t] as number);
      intercepts.set(this.templateNames[t] as string, {
        sum: sumY[t] as number,
        n: cnt[t] as number,
        a: a[t] as number,
      });
    }
    let sse = 0;
    const residuals = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const r =
        (y[i] as number) -
        (a[this.templateIndex[i] as number] as number) -
        alpha * (this.x[i] as number);
      residuals[i] = r;
      sse += r * r;
    }
    const dof = Math.max(1, this.n - k - (this.alphaIdentified ? 1 : 0) - 1);
    const alphaSe = sxx > 0 ? Math.sqrt(sse / dof / sxx) : Number.POSITIVE_INFINITY;
    return { sse, alpha, alphaSe, intercepts, dof, residuals };
  }

  fit(): LatencyModelFit {
    const prior = this.prior;
    const grid = Array.from(
      { length: GRID },
      (_, i) => P_MIN * (P_MAX / P_MIN) ** (i / (GRID - 1)),
    );
    const sse = grid.map((p) => this.regressionAt(p).sse);
    let best = 0;
    for (let i = 1; i < GRID; i++) if ((sse[i] as number) < (sse[best] as number)) best = i;
    // Golden-section refinement in log p between the grid neighbours.
    let lo = Math.log(grid[Math.max(0, best - 1)] as number);
    let hi = Math.log(grid[Math.min(GRID - 1, best + 1)] as number);
    const g = (Math.sqrt(5) - 1) / 2;
    const f = (lp: number) => this.regressionAt(Math.exp(lp)).sse;
    let c = hi - g * (hi - lo);
    let d = lo + g * (hi - lo);
    let fc = f(c);
    let fd = f(d);
    for (let it = 0; it < 40; it++) {
      if (fc < fd) {
        hi = d;
        d = c;
        fd = fc;
        c = hi - g * (hi - lo);
        fc = f(c);
      } else {
        lo = c;
        c = d;
        fc = fd;
        d = lo + g * (hi - lo);
        fd = f(d);
      }
    }
    const pHat = Math.exp((lo + hi) / 2);
    const reg = this.regressionAt(pHat);
    const sigma2 = reg.sse / reg.dof;
    // Likelihood-ratio interval of p over the grid: n * log(SSE / SSE_min) <= chi2.
    const inside = grid.map((_, i) => this.n * Math.log((sse[i] as number) / reg.sse) <= CHI2_95);
    let first = best;
    while (first > 0 && inside[first - 1]) first--;
    let last = best;
    while (last < GRID - 1 && inside[last + 1]) last++;
    const maxConcurrency = Math.max(
      0,
      ...this.data.groups.map((gr) => gr.occupancy.maxConcurrency()),
    );
    const contended = this.data.groups.reduce(
      (s, gr) => s + gr.occupancy.contendedSeconds(Math.max(1, gr.rpu * pHat)),
      0,
    );
    const pIdentified = this.n > 0 && first > 0 && last < GRID - 1 && contended > 0;
    const parallelism: FittedParameter = {
      name: 'parallelism_per_rpu',
      value: pIdentified ? pHat : prior.parallelismPerRpu,
      prior: prior.parallelismPerRpu,
      identified: pIdentified,
      // The grid brackets the interval: one step beyond each end.
      interval: pIdentified ? [grid[first - 1] as number, grid[last + 1] as number] : null,
      note: pIdentified
        ? `queries shared a workgroup beyond its parallelism for ${contended.toFixed(0)} s`
        : maxConcurrency <= 1
          ? 'no two queries ever executed at once: concurrency is not measured'
          : `the data fit every parallelism in [${(grid[first] as number).toFixed(3)}, ${(grid[last] as number).toFixed(3)}] per RPU equally (at most ${maxConcurrency} queries executed at once)`,
    };
    // With p at its prior when not identified, the other parameters come from that p.
    const used = pIdentified ? reg : this.regressionAt(prior.parallelismPerRpu);
    const usedSigma2 = pIdentified ? sigma2 : used.sse / used.dof;
    const rpuSizes = [...new Set(this.data.groups.map((gr) => gr.rpu))].sort((a, b) => a - b);
    const alphaParam: FittedParameter = {
      name: 'rpu_exponent',
      value: this.alphaIdentified ? used.alpha : prior.rpuExponent,
      prior: prior.rpuExponent,
      identified: this.alphaIdentified,
      interval: this.alphaIdentified
        ? [used.alpha - 1.96 * used.alphaSe, used.alpha + 1.96 * used.alphaSe]
        : null,
      note: this.alphaIdentified
        ? `templates measured at ${rpuSizes.length} RPU sizes (${rpuSizes.join(', ')})`
        : `every template was measured at one RPU size only (${rpuSizes.join(', ') || 'none'})`,
    };
    const noiseIdentified = used.dof >= MIN_NOISE_OBSERVATIONS;
    const cv = Math.sqrt(Math.max(0, Math.exp(usedSigma2) - 1));
    const noise: FittedParameter = {
      name: 'noise_cv',
      value: noiseIdentified ? cv : prior.noiseCv,
      prior: prior.noiseCv,
      identified: noiseIdentified,
      interval: noiseIdentified ? chiSquareInterval(usedSigma2, used.dof) : null,
      note: noiseIdentified
        ? `spread of ${used.dof} repeats around their template's model latency`
        : `only ${used.dof} repeats beyond one per template`,
    };
    const templates: TemplateFit[] = [];
    const residualsBy = new Map<string, number[]>();
    this.template.forEach((t, i) => {
      const list = residualsBy.get(t) ?? [];
      list.push(used.residuals[i] as number);
      residualsBy.set(t, list);
    });
    const s2 = noiseIdentified ? usedSigma2 : Math.log(1 + prior.noiseCv ** 2);
    for (const t of this.templateNames) {
      const ic = used.intercepts.get(t) as { a: number; n: number };
      const res = residualsBy.get(t) ?? [];
      const own =
        res.length >= MIN_NOISE_OBSERVATIONS
          ? Math.sqrt(
              Math.max(0, Math.exp(res.reduce((s, r) => s + r * r, 0) / (res.length - 1)) - 1),
            )
          : null;
      templates.push({
        queryTextId: t,
        observations: ic.n,
        isolatedLatencyS: Math.exp(ic.a + s2 / 2),
        noiseCv: own,
      });
    }
    return {
      referenceRpu: prior.referenceRpu,
      rpuExponent: alphaParam,
      parallelismPerRpu: parallelism,
      admissionLimit: this.fitAdmissionLimit(),
      noiseCv: noise,
      templates,
      observations: this.n,
      rpuSizes,
      maxConcurrency,
    };
  }

  /** Under FIFO admission with limit A, exactly A queries execute while any query waits. */
  private fitAdmissionLimit(): FittedParameter {
    const during: number[] = [];
    const byRpu = new Map<number, number[]>();
    for (const g of this.data.groups) {
      for (const t of g.waitMidpointsS) {
        const n = g.occupancy.concurrencyAt(t);
        during.push(n);
        const list = byRpu.get(g.rpu) ?? [];
        list.push(n);
        byRpu.set(g.rpu, list);
      }
    }
    const prior = Number.isFinite(this.prior.admissionLimit) ? this.prior.admissionLimit : null;
    const maxC = Math.max(0, ...this.data.groups.map((g) => g.occupancy.maxConcurrency()));
    const median = (list: number[]) =>
      [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] as number;
    const keep = (note: string): FittedParameter => ({
      name: 'admission_limit',
      value: prior,
      prior,
      identified: false,
      interval: null,
      note,
    });
    if (during.length < 5) {
      return keep(
        `${during.length} queries queued: no admission limit was reached (at least ${maxC} executed at once)`,
      );
    }
    // The model has one limit per cluster whatever its size; a limit that grows with RPU is not it.
    const perRpu = [...byRpu.entries()]
      .filter(([, l]) => l.length >= 5)
      .map(([r, l]) => [r, median(l)] as const);
    if (new Set(perRpu.map(([, m]) => m)).size > 1) {
      return keep(
        `queued queries waited behind different numbers of running ones by size (${perRpu.map(([r, m]) => `${m} at ${r} RPU`).join(', ')}): not one limit per cluster`,
      );
    }
    during.sort((a, b) => a - b);
    return {
      name: 'admission_limit',
      value: Math.max(1, median(during)),
      prior,
      identified: true,
      interval: [
        during[Math.floor(during.length * 0.1)] as number,
        during[Math.floor(during.length * 0.9)] as number,
      ],
      note: `${during.length} queries queued; executing while they waited (median)`,
    };
  }
}

/** 95% interval of the noise CV from the chi-square distribution of the variance estimate. */
function chiSquareInterval(sigma2: number, dof: number): [number, number] {
  // Wilson-Hilferty approximation of chi-square quantiles.
  const q = (z: number) => dof * (1 - 2 / (9 * dof) + z * Math.sqrt(2 / (9 * dof))) ** 3;
  const toCv = (s2: number) => Math.sqrt(Math.max(0, Math.exp(s2) - 1));
  return [toCv((sigma2 * dof) / q(1.96)), toCv((sigma2 * dof) / q(-1.96))];
}

export function fitLatencyModel(
  data: ObservationSummary,
  prior: LatencyModelSettings,
): LatencyModelFit {
  return new LatencyModelFitter(data, prior).fit();
}
