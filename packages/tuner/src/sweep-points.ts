/**
 * The points of a parameter grid. A point is addressed by its index in the full Cartesian
 * product (keys in insertion order, the last key varying fastest, as `itertools.product`).
 */
import { SeededRandom } from '@autoslo/workload';

export type SweepParams = Readonly<Record<string, readonly unknown[]>>;
export type SweepPoint = Record<string, unknown>;

export function gridSize(params: SweepParams): number {
  return Object.values(params).reduce<number>((n, values) => n * values.length, 1);
}

/** Per key, the value index of grid point `index`. */
export function gridDigits(params: SweepParams, index: number): number[] {
  const lists = Object.values(params);
  const digits = new Array<number>(lists.length).fill(0);
  let rest = index;
  for (let k = lists.length - 1; k >= 0; k--) {
    const n = (lists[k] as readonly unknown[]).length;
    digits[k] = rest % n;
    rest = Math.floor(rest / n);
  }
  return digits;
}

/** The grid index of per-key value indices. */
export function gridIndexOf(params: SweepParams, digits: readonly number[]): number {
  let index = 0;
  Object.values(params).forEach((values, k) => {
    index = index * values.length + (digits[k] as number);
  });
  return index;
}

export function gridPoint(params: SweepParams, index: number): SweepPoint {
  const digits = gridDigits(params, index);
  const point: SweepPoint = {};
  Object.entries(params).forEach(([key, values], k) => {
    point[key] = values[digits[k] as number];
  });
  return point;
}

/** Every grid index; an empty map gives the single empty point. */
export function gridIndices(params: SweepParams): number[] {
  return Array.from({ length: gridSize(params) }, (_, i) => i);
}

/** `budget` distinct grid indices drawn with a seeded RNG (ascending); the whole grid if it fits. */
export function randomIndices(params: SweepParams, budget: number, seed: number): number[] {
  const all = gridIndices(params);
  if (budget >= all.length) return all;
  const rng = new SeededRandom(seed);
  // Partial Fisher-Yates: the first `budget` slots end up a uniform sample.
  for (let i = 0; i < budget; i++) {
    const j = i + rng.int(all.length - i);
    [all[i], all[j]] = [all[j] as number, all[i] as number];
  }
  return all.slice(0, Math.max(0, budget)).sort((a, b) => a - b);
}
