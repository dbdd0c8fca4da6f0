import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import DensityClustering from 'density-clustering';
import { dbscan } from '../../../server/analysis/cluster/dbscan.ts';
import { canonicalLabels } from '../../../server/analysis/cluster/canonical-labels.ts';
import { ClusterInputError } from '../../../server/analysis/cluster/errors.ts';
import { adjustedRandIndex } from '../../../server/analysis/quality/ari.ts';
import { createMatrix, matrixFromRows, type Matrix } from '../../../server/analysis/matrix.ts';
import { createRandom, randomNormal } from '../../../shared/random.ts';
import { generateMixture, zScoreColumns } from '../../support/synthetic.ts';
import { iris, penguins } from './real-data.ts';

/**
 * DBSCAN written straight from the definition, O(n²): the reference our indexed version must
 * match label for label. Border rows go to the first cluster reaching them, clusters grown in
 * order of their lowest-numbered core row (scikit-learn's dbscan_inner).
 */
function bruteDbscan(x: Matrix, eps: number, minPts: number): Int32Array {
  const n = x.rows;
  const near = (i: number, j: number) => {
    let s = 0;
    for (let t = 0; t < x.cols; t++) s += (x.data[i * x.cols + t] - x.data[j * x.cols + t]) ** 2;
    return s <= eps * eps;
  };
  const neighbours = Array.from({ length: n }, (_, i) => [...Array(n).keys()].filter((j) => near(i, j)));
  const core = neighbours.map((list) => list.length >= minPts);
  const labels = new Int32Array(n).fill(-1);
  let cluster = 0;
  for (let i = 0; i < n; i++) {
    if (!core[i] || labels[i] >= 0) continue;
    const queue = [i];
    labels[i] = cluster;
    while (queue.length > 0) {
      const p = queue.shift() as number;
      for (const j of neighbours[p]) {
        if (labels[j] >= 0) continue;
        labels[j] = cluster;
        if (core[j]) queue.push(j);
      }
    }
    cluster++;
  }
  return canonicalLabels(labels).labels;
}

function blobs(n: number, d: number, seed: number): Matrix {
  const random = createRandom(seed);
  const x = createMatrix(n, d);
  for (let i = 0; i < n; i++) {
    const centre = i % 4;
    for (let t = 0; t < d; t++) x.data[i * d + t] = centre * 1.5 * (t === 0 ? 1 : 0.5) + randomNormal(random) * 0.6;
  }
  return x;
}

describe('dbscan', () => {
  it('gives exactly the brute-force partition on random sets (several d, eps, minPts)', () => {
    let clusteredRuns = 0;
    for (const d of [2, 3, 5]) {
      for (const seed of [1, 2]) {
        const x = blobs(220, d, seed * 10 + d);
        for (const eps of [0.25, 0.4, 0.7]) {
          for (const minPts of [3, 5, 9]) {
            const ours = dbscan(x, { eps, minPts });
            expect(ours.labels).toEqual(bruteDbscan(x, eps, minPts));
            if (Math.max(...ours.labels) >= 1 && ours.labels.includes(-1)) clusteredRuns++;
          }
        }
      }
    }
    // The cases must include several clusters and noise, or the comparison proves little.
    expect(clusteredRuns).toBeGreaterThan(20);
  });

  it("gives scikit-learn's DBSCAN labels on penguins and iris", () => {
    // scikit-learn 1.2.1 DBSCAN(eps, min_samples) on the same float32 z-scored matrices
    // (fixtures/dbscan-sklearn.json); min_samples counts the row itself, like our minPts.
    const fixture = JSON.parse(readFileSync(new URL('./fixtures/dbscan-sklearn.json', import.meta.url), 'utf8')) as {
      cases: { dataset: 'penguins' | 'iris'; eps: number; minPts: number; labels: number[]; ariVsKnown: number }[];
    };
    const data = { penguins: penguins(), iris: iris() };
    for (const c of fixture.cases) {
      const { x, labels } = data[c.dataset];
      const ours = dbscan(x, { eps: c.eps, minPts: c.minPts });
      expect(ours.labels).toEqual(canonicalLabels(Int32Array.from(c.labels)).labels);
      expect(adjustedRandIndex(ours.labels, labels)).toBeCloseTo(c.ariVsKnown, 4);
    }
  });

  it('applies the border rule: a border row shared by two clusters joins the one grown first', () => {
    // eps 1, minPts 4: two chains of core rows, and B at 0 with only -1, 0 and 1 within eps,
    // so B is a border row of both chains.
    const leftChain = [-4, -3.5, -3, -2.5, -2, -1.5, -1].map((v) => [v]);
    const rightChain = [1, 1.5, 2, 2.5, 3, 3.5, 4].map((v) => [v]);
    const check = (rows: number[][], firstGrown: number) => {
      const x = matrixFromRows([...rows, [0]]);
      const r = dbscan(x, { eps: 1, minPts: 4 });
      expect(r.labels).toEqual(bruteDbscan(x, 1, 4));
      expect(r.coreCount).toBe(12);
      expect(r.labels[0]).not.toBe(r.labels[7]);
      expect(r.labels[14]).toBe(r.labels[firstGrown]);
    };
    check([...leftChain, ...rightChain], 0);
    // Right chain first: its core rows are numbered first, so B follows it instead.
    check([...rightChain, ...leftChain], 0);
    check([...rightChain, ...leftChain].reverse(), 0);
  });

  it('matches density-clustering on a small set', () => {
    const mix = generateMixture({ rows: 400, numeric: 3, clusters: 4, separation: 3, seed: 8 });
    const x = zScoreColumns(mix.numeric);
    const rows = Array.from({ length: x.rows }, (_, i) => Array.from(x.data.subarray(i * 3, i * 3 + 3)));
    for (const [eps, minPts] of [[0.2, 5], [0.3, 8]] as const) {
      const ours = dbscan(x, { eps, minPts });
      const lib = new DensityClustering.DBSCAN();
      const clusters = lib.run(rows, eps, minPts);
      const theirs = new Int32Array(x.rows).fill(-1);
      clusters.forEach((members, c) => members.forEach((i) => (theirs[i] = c)));
      expect(ours.labels).toEqual(canonicalLabels(theirs).labels);
      expect(clusters.length).toBeGreaterThan(1);
    }
  });

  it('picks eps from the k-distance curve: a planted 3D mixture is recovered and far outliers are noise', () => {
    const mix = generateMixture({ rows: 3000, numeric: 3, clusters: 4, separation: 8, seed: 21 });
    const x = zScoreColumns(mix.numeric);
    const far = matrixFromRows([[40, 40, 40], [-40, 35, 0], [0, -50, 30]]);
    const all = createMatrix(x.rows + 3, 3);
    all.data.set(x.data);
    all.data.set(far.data, x.data.length);
    const r = dbscan(all, { eps: 'auto', seed: 1 });
    // 3,003 rows: HDBSCAN's min_samples 16, + 1 for the row itself (2·d would be 6).
    expect(r.minPts).toBe(17);
    expect(r.epsRule).toBe('k-distance');
    expect([...r.labels.subarray(x.rows)]).toEqual([-1, -1, -1]);
    expect(adjustedRandIndex(r.labels.subarray(0, x.rows), mix.labels)).toBeGreaterThan(0.9);
    expect(r.labels.filter((l) => l < 0).length).toBeLessThan(0.1 * all.rows);
  });

  it('rejects bad parameters and non-finite data', () => {
    const x = blobs(20, 2, 1);
    expect(() => dbscan(x, { eps: -1 })).toThrow(ClusterInputError);
    expect(() => dbscan(x, { eps: 0.5, minPts: 0 })).toThrow(/minPts/);
    x.data[5] = Infinity;
    expect(() => dbscan(x, { eps: 0.5 })).toThrow(/row 2, column 1/);
  });
});
