import { describe, expect, it } from 'vitest';
import { createRandom, randomInt } from '../../../shared/random.ts';
import {
  rangesFromIndices,
  indicesFromRanges,
  rangesContain,
  rangesCount,
  rangesUnion,
  rangesSubtract,
  isCanonicalRanges,
  normalizeRanges,
} from '../../../shared/session/index.ts';

function randomIndices(seed: number, n: number, max: number): number[] {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => randomInt(random, max));
}

describe('row ranges', () => {
  it('encodes a row set canonically and round-trips it', () => {
    expect(rangesFromIndices([9, 3, 5, 4, 4])).toEqual([3, 6, 9, 10]);
    expect(rangesFromIndices([])).toEqual([]);
    for (let seed = 1; seed <= 20; seed++) {
      const indices = randomIndices(seed, 200, 300);
      const ranges = rangesFromIndices(indices);
      expect(isCanonicalRanges(ranges)).toBe(true);
      const expected = [...new Set(indices)].sort((a, b) => a - b);
      expect([...indicesFromRanges(ranges)]).toEqual(expected);
      expect(rangesCount(ranges)).toBe(expected.length);
      for (let v = 0; v < 300; v++) expect(rangesContain(ranges, v)).toBe(expected.includes(v));
    }
  });

  it('stays small for a contiguous selection of a million rows', () => {
    const indices = new Uint32Array(1_000_000).map((_, i) => (i < 500_000 ? i : i + 10));
    expect(rangesFromIndices(indices)).toEqual([0, 500_000, 500_010, 1_000_010]);
  });

  it('computes union and difference like sets do', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const a = randomIndices(seed, 80, 200);
      const b = randomIndices(seed + 1000, 80, 200);
      const ra = rangesFromIndices(a);
      const rb = rangesFromIndices(b);
      const union = rangesUnion(ra, rb);
      const diff = rangesSubtract(ra, rb);
      expect(isCanonicalRanges(union)).toBe(true);
      expect(isCanonicalRanges(diff)).toBe(true);
      expect(union).toEqual(rangesFromIndices([...a, ...b]));
      const bs = new Set(b);
      expect(diff).toEqual(rangesFromIndices(a.filter((v) => !bs.has(v))));
    }
  });

  it('rejects bad indices and reads untrusted ranges safely', () => {
    expect(() => rangesFromIndices([1, -2])).toThrow(RangeError);
    expect(() => rangesFromIndices([1.5])).toThrow(RangeError);
    expect(normalizeRanges([5, 8, 0, 2, 1, 3])).toEqual([0, 3, 5, 8]);
    for (const garbage of [null, 'x', [1], [3, 2], [0, 'a'], [-1, 3], [0, Infinity], { 0: 1 }]) {
      expect(normalizeRanges(garbage)).toEqual([]);
    }
    expect(isCanonicalRanges([0, 2, 2, 4])).toBe(false); // adjacent ranges must be merged
  });
});
