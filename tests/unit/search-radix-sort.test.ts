import { describe, expect, it } from 'vitest';
import { sortU32 } from '../../lib/search/radix-sort';

describe('sortU32', () => {
  it('sorts as TypedArray sort() does, small and large, with repeats and the full 32-bit range', () => {
    let seed = 11;
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (const n of [0, 1, 5, 127, 128, 129, 770, 5000]) {
      const a = Uint32Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 0xffffffff : i % 5 === 0 ? 42 : rand()));
      const want = a.slice().sort();
      expect(sortU32(a)).toBe(a);
      expect(Array.from(a)).toEqual(Array.from(want));
    }
  });
});
