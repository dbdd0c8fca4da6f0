import { describe, expect, it } from 'vitest';
import { buildKdTree } from '../../../shared/spatial/kdtree.ts';
import { createRandom, randomNormal } from '../../../shared/random.ts';

function randomPoints(n: number, d: number, seed: number, integer = false): Float32Array {
  const random = createRandom(seed);
  const data = new Float32Array(n * d);
  // Integer grids make many exact ties and duplicate rows, the hard case for splits and bounds.
  for (let i = 0; i < data.length; i++) data[i] = integer ? Math.floor(random() * 4) : randomNormal(random) * (1 + (i % d));
  return data;
}

function bruteDistances(data: Float32Array, n: number, d: number, q: Float32Array): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += (data[i * d + t] - q[t]) ** 2;
    out[i] = Math.sqrt(s);
  }
  return out;
}

describe('KdTree', () => {
  for (const d of [1, 2, 3, 8, 20]) {
    for (const integer of [false, true]) {
      it(`k nearest and radius queries match brute force (d = ${d}${integer ? ', integer grid with ties' : ''})`, () => {
        const n = 600;
        const data = randomPoints(n, d, 11 * d + (integer ? 1 : 0), integer);
        const tree = buildKdTree(data, n, d, { leafSize: 8 });
        const queries = randomPoints(40, d, 99 + d, integer);
        for (let q = 0; q < 40; q++) {
          const query = queries.subarray(q * d, (q + 1) * d);
          const brute = bruteDistances(data, n, d, query);
          const sorted = Float64Array.from(brute).sort();
          for (const k of [1, 5, 17]) {
            const { indices, distances } = tree.nearest(query, k);
            expect(indices.length).toBe(k);
            for (let j = 0; j < k; j++) {
              expect(distances[j]).toBeCloseTo(sorted[j], 5);
              // The reported index really is at the reported distance.
              expect(brute[indices[j]]).toBeCloseTo(distances[j], 5);
            }
            expect(new Set(indices).size).toBe(k);
          }
          // Halfway between two distinct distances, so float rounding at the boundary cannot decide.
          const above = sorted.findIndex((v) => v > sorted[30]);
          const r = above < 0 ? sorted[n - 1] + 1 : (sorted[30] + sorted[above]) / 2;
          const found = new Set<number>();
          tree.withinRadius(query, r, (i, dist) => {
            expect(dist).toBeCloseTo(brute[i], 5);
            found.add(i);
          });
          const expected = [...brute.keys()].filter((i) => brute[i] <= r);
          expect([...found].sort((a, b) => a - b)).toEqual(expected);
          expect(tree.countWithinRadius(query, r)).toBe(expected.length);
          expect(tree.countWithinRadius(query, r, 3)).toBe(Math.min(3, expected.length));
        }
      });
    }
  }

  it('queries by row offset into the data itself, and k larger than n returns every point', () => {
    const n = 50;
    const d = 3;
    const data = randomPoints(n, d, 5);
    const tree = buildKdTree(data, n, d);
    const self = tree.nearest(data, 1, 7 * d);
    expect(self.indices[0]).toBe(7);
    expect(self.distances[0]).toBe(0);
    expect(tree.nearest(data, 80, 0).indices.length).toBe(n);
  });

  it('handles empty input, all-identical points and rejects a short buffer', () => {
    expect(buildKdTree(new Float32Array(0), 0, 3).nearest([0, 0, 0], 3).indices.length).toBe(0);
    const same = new Float32Array(300).fill(2);
    const tree = buildKdTree(same, 100, 3, { leafSize: 4 });
    expect(tree.countWithinRadius([2, 2, 2], 0)).toBe(100);
    expect(tree.nearest([0, 0, 0], 4).distances[3]).toBeCloseTo(Math.sqrt(12), 5);
    expect(() => buildKdTree(new Float32Array(5), 2, 3)).toThrow(RangeError);
  });
});

describe('KdTree re-entrancy', () => {
  it('lets a radius visitor run nearest() and a nested radius query on the same tree', () => {
    const n = 400;
    const d = 2;
    const data = randomPoints(n, d, 21);
    const tree = buildKdTree(data, n, d, { leafSize: 4 });
    const outer: number[] = [];
    let innerTotal = 0;
    tree.withinRadius([0, 0], 1.5, (i) => {
      outer.push(i);
      expect(tree.nearest(data, 1, i * d).indices[0]).toBe(i);
      innerTotal += tree.countWithinRadius(data, 0.5, Infinity, i * d);
    });
    const brute = [...Array(n).keys()].filter((i) => Math.hypot(data[i * d], data[i * d + 1]) <= 1.5);
    expect(outer.sort((a, b) => a - b)).toEqual(brute);
    let expectedInner = 0;
    for (const i of brute) {
      for (let j = 0; j < n; j++) if (Math.hypot(data[i * d] - data[j * d], data[i * d + 1] - data[j * d + 1]) <= 0.5) expectedInner++;
    }
    expect(innerTotal).toBe(expectedInner);
  });
});
