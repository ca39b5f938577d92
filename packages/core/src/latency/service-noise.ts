/**
 * Seeded multiplicative noise on true service times. Each query's factor depends only on
 * the seed and the query's sequence index, so it does not change with routing order.
 */

/** SplitMix64-style integer mix on 32-bit halves; returns a uniform in (0, 1). */
function uniformAt(seed: number, index: number, stream: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  h ^= Math.imul(stream + 0x27d4eb2f, 0x165667b1);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  h ^= h >>> 16;
  return ((h >>> 0) + 0.5) / 4294967296;
}

/**
 * A log-normal factor with mean 1 and coefficient of variation `cv` for query `index`.
 * `cv = 0` gives exactly 1.
 */
export function noiseFactor(cv: number, seed: number, index: number): number {
  if (cv <= 0) return 1;
  const sigma2 = Math.log(1 + cv * cv);
  const u1 = uniformAt(seed, index, 1);
  const u2 = uniformAt(seed, index, 2);
  const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  return Math.exp(Math.sqrt(sigma2) * z - sigma2 / 2);
}
