import { describe, expect, it } from 'vitest';
import { kmeans as mlKmeans } from 'ml-kmeans';
import { kmeans } from '../../../server/analysis/cluster/kmeans.ts';
import { kmeansAuto, bestScore } from '../../../server/analysis/cluster/kmeans-auto.ts';
import { ClusterInputError } from '../../../server/analysis/cluster/errors.ts';
import { adjustedRandIndex } from '../../../server/analysis/quality/ari.ts';
import { createMatrix, matrixFromRows, type Matrix } from '../../../server/analysis/matrix.ts';
import { generateMixture, zScoreColumns } from '../../support/synthetic.ts';
import { iris, penguins } from './real-data.ts';

function rowsOf(x: Matrix): number[][] {
  return Array.from({ length: x.rows }, (_, i) => Array.from(x.data.subarray(i * x.cols, (i + 1) * x.cols)));
}

describe('kmeans', () => {
  // References, /usr/bin/python3 with scikit-learn 1.2.1 on the same z-scored columns:
  // KMeans(3, n_init=50).fit → penguins inertia 379.3925, ARI vs species 0.7928;
  // iris inertia 139.8205, ARI 0.6201 (n_init=10 over 10 seeds: 0.5923–0.6201).
  it('reaches scikit-learn’s optimum and species ARI on penguins and iris (k = 3)', () => {
    const p = penguins();
    const rp = kmeans(p.x, 3, { seed: 1 });
    expect(rp.inertia).toBeCloseTo(379.3925, 2);
    expect(adjustedRandIndex(rp.labels, p.labels)).toBeGreaterThanOrEqual(0.7928);
    const i = iris();
    const ri = kmeans(i.x, 3, { seed: 1 });
    expect(ri.inertia).toBeCloseTo(139.8205, 2);
    expect(adjustedRandIndex(ri.labels, i.labels)).toBeGreaterThanOrEqual(0.6201);
  });

  it('gives the same partition as ml-kmeans from the same starting centres (iris, penguins)', () => {
    for (const { x } of [iris(), penguins()]) {
      for (const start of [[0, 60, 120], [5, 55, 140], [10, 20, 100]]) {
        const init = start.map((r) => Array.from(x.data.subarray(r * x.cols, (r + 1) * x.cols)));
        const ours = kmeans(x, 3, { seed: 0, initialCentroids: Float64Array.from(init.flat()), tolerance: 0 });
        const theirs = mlKmeans(rowsOf(x), 3, { initialization: init, maxIterations: 300, tolerance: 1e-12 });
        expect(adjustedRandIndex(ours.labels, Int32Array.from(theirs.clusters))).toBe(1);
      }
    }
  });

  it('returns canonical labels, centroids that are the cluster means, and the inertia they give', () => {
    const mix = generateMixture({ rows: 3000, numeric: 6, clusters: 5, seed: 4 });
    const x = zScoreColumns(mix.numeric);
    const r = kmeans(x, 5, { seed: 9 });
    expect(adjustedRandIndex(r.labels, mix.labels)).toBeGreaterThan(0.99);
    const sizes = [0, 0, 0, 0, 0];
    for (const l of r.labels) sizes[l]++;
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
    let inertia = 0;
    for (let c = 0; c < 5; c++) {
      for (let t = 0; t < x.cols; t++) {
        let sum = 0;
        for (let i = 0; i < x.rows; i++) if (r.labels[i] === c) sum += x.data[i * x.cols + t];
        expect(r.centroids[c * x.cols + t]).toBeCloseTo(sum / sizes[c], 4);
      }
    }
    for (let i = 0; i < x.rows; i++) {
      for (let t = 0; t < x.cols; t++) inertia += (x.data[i * x.cols + t] - r.centroids[r.labels[i] * x.cols + t]) ** 2;
    }
    expect(r.inertia).toBeCloseTo(inertia, 3);
  });

  it('is deterministic for a seed, copes with duplicate rows, and rejects bad input', () => {
    const p = penguins();
    expect(kmeans(p.x, 4, { seed: 5 }).labels).toEqual(kmeans(p.x, 4, { seed: 5 }).labels);
    const dup = matrixFromRows([[1, 1], [1, 1], [1, 1], [2, 2]]);
    const r = kmeans(dup, 3, { seed: 1 });
    expect(r.inertia).toBe(0);
    expect(() => kmeans(p.x, 0, { seed: 1 })).toThrow(ClusterInputError);
    expect(() => kmeans(dup, 5, { seed: 1 })).toThrow(/k must be/);
    const bad = createMatrix(3, 2);
    bad.data[3] = NaN;
    expect(() => kmeans(bad, 2, { seed: 1 })).toThrow(/row 1, column 1/);
  });
});

describe('kmeansAuto', () => {
  it('picks the silhouette argmax, a sensible k on iris and penguins', () => {
    // scikit-learn 1.2.1 silhouettes of KMeans(k) on these z-scored columns also peak at k = 2
    // (iris 0.582 then 0.460 at k = 3; penguins 0.532 then 0.447): the true 3 is a close second.
    for (const { x, labels } of [iris(), penguins()]) {
      const auto = kmeansAuto(x, { seed: 3 });
      expect(auto.scores.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
      const max = Math.max(...auto.scores.map((s) => s.silhouette));
      expect(auto.scores.find((s) => s.k === auto.k)?.silhouette).toBe(max);
      expect(auto.k).toBeGreaterThanOrEqual(2);
      expect(auto.k).toBeLessThanOrEqual(3);
      expect(adjustedRandIndex(auto.result.labels, labels)).toBeGreaterThan(0.5);
    }
  });

  it('finds the planted k on a separated mixture, choosing k on a sample', () => {
    const mix = generateMixture({ rows: 4000, numeric: 8, clusters: 6, seed: 12 });
    const auto = kmeansAuto(zScoreColumns(mix.numeric), { seed: 1, sampleSize: 600 });
    expect(auto.sampled).toBe(600);
    expect(auto.k).toBe(6);
    expect(auto.result.labels.length).toBe(4000);
    expect(adjustedRandIndex(auto.result.labels, mix.labels)).toBeGreaterThan(0.99);
  });

  it('breaks ties toward the smaller k', () => {
    expect(bestScore([{ k: 2, silhouette: 0.5 }, { k: 3, silhouette: 0.5 }, { k: 4, silhouette: 0.1 }])).toBe(2);
    expect(bestScore([{ k: 2, silhouette: 0.2 }, { k: 3, silhouette: 0.6 }])).toBe(3);
  });
});
