import { describe, expect, it } from 'vitest';
import { orderByKeys } from '../../lib/search/sort-order';

/** The order Array.sort with the comparator list-query.ts used before gives. */
function byComparator(keys: Float64Array[]): number[] {
  const idx = Array.from({ length: keys[0].length }, (_, i) => i);
  return idx.sort((x, y) => {
    for (const k of keys) {
      const d = k[x] - k[y];
      if (d) return d;
    }
    return 0;
  });
}

describe('orderByKeys', () => {
  it('orders as a comparator over the keys does: negatives, fractions, infinities, -0, ties to the next key', () => {
    let seed = 11;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const pick = [0, -0, 1, -1, 0.5, -2.75, 1e-300, -1e300, Infinity, -Infinity, 3, 1.7e12, 1.7e12 + 1000];
    const n = 3000;
    const a = Float64Array.from({ length: n }, () => (rand() < 0.5 ? pick[Math.floor(rand() * pick.length)] : (rand() - 0.5) * 1e6));
    const b = Float64Array.from({ length: n }, () => -Math.floor(rand() * 50) * 1000 - 1.7e12);
    const c = Float64Array.from({ length: n }, (_, i) => -(n - i) * 7);
    expect([...orderByKeys([a, b, c])]).toEqual(byComparator([a, b, c]));
    expect([...orderByKeys([b, c])]).toEqual(byComparator([b, c]));
  });

  it('handles nothing and one item', () => {
    expect([...orderByKeys([new Float64Array(0)])]).toEqual([]);
    expect([...orderByKeys([Float64Array.of(5), Float64Array.of(1)])]).toEqual([0]);
  });
});
