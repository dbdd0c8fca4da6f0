import { describe, expect, it } from 'vitest';
import { maxWeightAssignment } from '../../../shared/identity/hungarian.ts';
import { createRandom } from '../../../shared/random.ts';

/** The best total by trying every way to pair rows with distinct columns (small tables only). */
function bruteForceBest(w: number[][]): number {
  const rows = w.length;
  const cols = rows ? w[0].length : 0;
  let best = 0;
  const usedCol = new Array<boolean>(cols).fill(false);
  const walk = (r: number, sum: number): void => {
    if (r === rows) {
      best = Math.max(best, sum);
      return;
    }
    walk(r + 1, sum); // row r unpaired
    for (let c = 0; c < cols; c++) {
      if (usedCol[c]) continue;
      usedCol[c] = true;
      walk(r + 1, sum + w[r][c]);
      usedCol[c] = false;
    }
  };
  walk(0, 0);
  return best;
}

const total = (w: number[][], pairing: number[]) => pairing.reduce((s, c, r) => s + (c >= 0 ? w[r][c] : 0), 0);

function checkPairing(w: number[][], pairing: number[]): void {
  expect(pairing).toHaveLength(w.length);
  const cols = pairing.filter((c) => c >= 0);
  expect(new Set(cols).size).toBe(cols.length);
  for (const c of cols) expect(c).toBeLessThan(w[0].length);
  // Every row is paired while columns remain.
  expect(cols.length).toBe(Math.min(w.length, w[0]?.length ?? 0));
}

describe('maximum-weight assignment (Hungarian method)', () => {
  it('finds the best total on random square and rectangular tables, as brute force does', () => {
    const random = createRandom(7);
    for (let trial = 0; trial < 300; trial++) {
      const rows = 1 + Math.floor(random() * 6);
      const cols = 1 + Math.floor(random() * 6);
      // Overlap-like counts with many zeros and ties.
      const w = Array.from({ length: rows }, () => Array.from({ length: cols }, () => (random() < 0.4 ? 0 : Math.floor(random() * 8))));
      const pairing = maxWeightAssignment(w);
      checkPairing(w, pairing);
      expect(total(w, pairing)).toBe(bruteForceBest(w));
    }
  });

  it('prefers the global best to the greedy one', () => {
    // Greedy takes 9 (row 0 → col 0) and then must take 1: 10. The best is 8 + 8 = 16.
    const w = [
      [9, 8],
      [8, 1],
    ];
    expect(maxWeightAssignment(w)).toEqual([1, 0]);
  });

  it('handles empty tables and an all-zero table', () => {
    expect(maxWeightAssignment([])).toEqual([]);
    expect(maxWeightAssignment([[], []])).toEqual([-1, -1]);
    const zeros = [
      [0, 0, 0],
      [0, 0, 0],
    ];
    checkPairing(zeros, maxWeightAssignment(zeros));
  });

  it('refuses ragged tables and negative or non-finite weights with a clear error', () => {
    expect(() => maxWeightAssignment([[1, 2], [3]])).toThrow(/same number of columns/);
    expect(() => maxWeightAssignment([[1, -2]])).toThrow(/finite and ≥ 0/);
    expect(() => maxWeightAssignment([[Number.NaN]])).toThrow(/finite and ≥ 0/);
  });
});
