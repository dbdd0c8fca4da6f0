import { describe, expect, it } from 'vitest';
import { matrixFromRows, squaredDistance } from '../../../server/analysis/matrix.ts';
import { knn, nearestRows, type KnnGraph } from '../../../server/analysis/neighbors/knn.ts';
import { nnDescentHeaps } from '../../../server/analysis/neighbors/nn-descent.ts';
import { spawnLockstepHelper, type LockstepHelper } from '../../../server/analysis/reduce/lockstep-helper.ts';
import { createRandom } from '../../../shared/random.ts';
import { overlappingMixture, penguins } from './datasets.ts';

/** Plain O(n²) reference: sort every row's distances. */
function naiveKnn(x: { rows: number; cols: number; data: Float32Array }, k: number): { indices: number[][]; distances: number[][] } {
  const indices: number[][] = [];
  const distances: number[][] = [];
  for (let i = 0; i < x.rows; i++) {
    const all = [];
    for (let j = 0; j < x.rows; j++) if (j !== i) all.push({ j, d: Math.sqrt(squaredDistance(x.data, i, x.data, j, x.cols)) });
    all.sort((a, b) => a.d - b.d || a.j - b.j);
    indices.push(all.slice(0, k).map((e) => e.j));
    distances.push(all.slice(0, k).map((e) => e.d));
  }
  return { indices, distances };
}

function recall(approx: KnnGraph, exact: KnnGraph): number {
  const k = exact.k;
  let hits = 0;
  for (let i = 0; i < exact.indices.length / k; i++) {
    const truth = new Set(exact.indices.subarray(i * k, (i + 1) * k));
    for (let t = 0; t < k; t++) if (truth.has(approx.indices[i * k + t])) hits++;
  }
  return hits / exact.indices.length;
}

describe('knn', () => {
  it('exact search returns the true neighbours, sorted, never the row itself', () => {
    const { x } = penguins();
    const graph = knn(x, 10, { method: 'exact' });
    const reference = naiveKnn(x, 10);
    for (let i = 0; i < x.rows; i++) {
      const row = Array.from(graph.indices.subarray(i * 10, (i + 1) * 10));
      expect(row).not.toContain(i);
      for (let t = 0; t < 10; t++) expect(graph.distances[i * 10 + t]).toBeCloseTo(reference.distances[i][t], 5);
      // Ties aside, the same rows.
      const last = reference.distances[i][9];
      const sure = reference.indices[i].filter((_, t) => reference.distances[i][t] < last);
      for (const j of sure) expect(row).toContain(j);
    }
  });

  it('the kd-tree path gives the exact neighbours too, duplicates included', () => {
    const { x } = penguins();
    const tree = knn(x, 10, { method: 'kd-tree' });
    const brute = knn(x, 10, { method: 'exact' });
    for (let i = 0; i < x.rows * 10; i++) expect(tree.distances[i]).toBeCloseTo(brute.distances[i], 5);
    const dup = matrixFromRows(Array.from({ length: 40 }, (_, i) => [i % 4, 0]));
    const g = knn(dup, 5, { method: 'kd-tree' });
    for (let i = 0; i < 40; i++) {
      expect(Array.from(g.indices.subarray(i * 5, i * 5 + 5))).not.toContain(i);
      expect(g.distances[i * 5 + 4]).toBe(0);
    }
  });

  it('NN-descent reaches recall > 0.95 against exact search on overlapping clusters', () => {
    const { x } = overlappingMixture();
    const exact = knn(x, 15, { method: 'exact' });
    const approx = knn(x, 15, { method: 'nn-descent', seed: 3 });
    expect(recall(approx, exact)).toBeGreaterThan(0.95);
    for (let i = 0; i < x.rows; i++) {
      for (let t = 0; t < 15; t++) {
        expect(approx.indices[i * 15 + t]).not.toBe(i);
        if (t > 0) expect(approx.distances[i * 15 + t]).toBeGreaterThanOrEqual(approx.distances[i * 15 + t - 1]);
      }
    }
  });

  it("NN-descent with t-SNE's wide search (k = 90, 20 candidates, looser stop) keeps recall > 0.99", () => {
    const { x } = overlappingMixture();
    const exact = knn(x, 90, { method: 'exact' });
    const wide = knn(x, 90, { method: 'nn-descent', seed: 3, nnDescent: { maxCandidates: 20, delta: 0.005 } });
    expect(recall(wide, exact)).toBeGreaterThan(0.99);
  });

  it('NN-descent is deterministic for a seed', () => {
    const { x } = penguins();
    const a = knn(x, 10, { method: 'nn-descent', seed: 5 });
    const b = knn(x, 10, { method: 'nn-descent', seed: 5 });
    expect(a.indices).toEqual(b.indices);
  });

  it('NN-descent gives the same graph with a helper thread as without', () => {
    const { x } = overlappingMixture();
    const single = knn(x, 10, { method: 'nn-descent', seed: 2, threads: 1 });
    const double = knn(x, 10, { method: 'nn-descent', seed: 2, threads: 2 });
    expect(double.indices).toEqual(single.indices);
    expect(double.distances).toEqual(single.distances);
  });

  it('NN-descent with a helper that took part: an odd number of trees, several join blocks', () => {
    const { x } = overlappingMixture();
    // 60 candidates make join blocks of 780 rows: four blocks here; 3 trees leave the last one alone.
    const opts = { nTrees: 3, maxCandidates: 60 };
    const spawned = spawnLockstepHelper(new URL('../../../server/analysis/neighbors/join-kernel.ts', import.meta.url))!;
    let attached = false;
    let steps = 0;
    const helper: LockstepHelper = {
      attach: (data) => (attached = spawned.attach(data)),
      begin: (step) => (steps++, spawned.begin(step)),
      end: () => spawned.end(),
      endWithin: (ms) => spawned.endWithin(ms),
      stop: () => spawned.stop(),
    };
    try {
      const double = nnDescentHeaps(x, 10, { ...opts, random: createRandom(3), helper });
      expect(attached).toBe(true);
      expect(steps).toBeGreaterThan(10);
      const single = nnDescentHeaps(x, 10, { ...opts, random: createRandom(3), helper: null });
      expect(double.indices).toEqual(single.indices);
      expect(double.distances).toEqual(single.distances);
    } finally {
      spawned.stop();
    }
  });

  it('copes with duplicate rows (distance 0, still no self)', () => {
    const rows = Array.from({ length: 40 }, (_, i) => [i % 4, 0]);
    const graph = knn(matrixFromRows(rows), 5, { method: 'nn-descent', seed: 1 });
    for (let i = 0; i < 40; i++) {
      expect(Array.from(graph.indices.subarray(i * 5, i * 5 + 5))).not.toContain(i);
      expect(graph.distances[i * 5]).toBe(0);
    }
  });

  it('nearestRows answers for one row', () => {
    const { x } = penguins();
    const graph = knn(x, 5, { method: 'exact' });
    const one = nearestRows(x, 42, 5);
    expect(Array.from(one.distances)).toEqual(Array.from(graph.distances.subarray(42 * 5, 43 * 5)));
  });

  it('rejects k out of range and NaN features', () => {
    const x = matrixFromRows([
      [0, 1],
      [1, 1],
      [2, 2],
    ]);
    expect(() => knn(x, 3)).toThrow(expect.objectContaining({ code: 'bad_reduction_input' }));
    expect(() => nearestRows(x, 5, 1)).toThrow(/out of range/);
    expect(() => knn(matrixFromRows([[0], [NaN], [1]]), 1)).toThrow(/not a finite number/);
  });
});
