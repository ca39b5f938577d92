import { argsortFloat64 } from '../src/argsort-float64.js';

/** The comparator sort it replaces: by value, ties by index. */
function reference(keys: Float64Array): number[] {
  return Array.from({ length: keys.length }, (_, i) => i).sort(
    (a, b) => (keys[a] as number) - (keys[b] as number) || a - b,
  );
}

describe('argsortFloat64', () => {
  it('orders like the comparator sort, ties by index, across signs and magnitudes', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const keys = new Float64Array(5000);
    for (let i = 0; i < keys.length; i++) {
      const r = next();
      // Repeated values (ties), negatives, tiny and huge magnitudes, infinities.
      keys[i] =
        r < 0.2
          ? Math.floor(next() * 10)
          : r < 0.4
            ? -next() * 1e6
            : r < 0.5
              ? next() * 1e-300
              : r < 0.52
                ? Number.POSITIVE_INFINITY
                : next() * 86400;
    }
    expect([...argsortFloat64(keys)]).toEqual(reference(keys));
  });

  it('handles the empty and one-element cases', () => {
    expect([...argsortFloat64(new Float64Array(0))]).toEqual([]);
    expect([...argsortFloat64(new Float64Array([3]))]).toEqual([0]);
  });
});
