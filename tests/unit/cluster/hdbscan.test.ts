import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hdbscan } from '../../../server/analysis/cluster/hdbscan.ts';
import { primMst } from '../../../server/analysis/cluster/mst-prim.ts';
import { boruvkaMst } from '../../../server/analysis/cluster/mst-boruvka.ts';
import { coreDistances } from '../../../server/analysis/cluster/core-distances.ts';
import { ClusterInputError } from '../../../server/analysis/cluster/errors.ts';
import { adjustedRandIndex } from '../../../server/analysis/quality/ari.ts';
import { KdTree } from '../../../shared/spatial/kdtree.ts';
import { createMatrix, matrixFromRows } from '../../../server/analysis/matrix.ts';
import { createRandom, randomNormal } from '../../../shared/random.ts';
import { iris, penguins, type Labelled } from './real-data.ts';
import { hdbscanMixture } from './hdbscan-fixture-data.ts';

/**
 * Reference output of the hdbscan library (scikit-learn-contrib/hdbscan 0.8.43, the
 * implementation scikit-learn's HDBSCAN was ported from; scikit-learn 1.2 here has none),
 * built locally with Cython 0.29 and run with algorithm='prims_kdtree' on the exact float32
 * matrices these tests build. Its min_samples counts neighbours without the row, like ours.
 */
interface ReferenceCase {
  dataset: 'penguins' | 'iris' | 'mixture3d';
  minClusterSize: number;
  minSamples: number;
  labels: number[];
  probabilities: number[];
  ariVsKnown: number;
}
const reference = JSON.parse(
  readFileSync(new URL('./fixtures/hdbscan-reference.json', import.meta.url), 'utf8'),
) as { cases: ReferenceCase[] };
const datasets: Record<ReferenceCase['dataset'], Labelled> = { penguins: penguins(), iris: iris(), mixture3d: hdbscanMixture() };

describe('hdbscan', () => {
  it('recovers penguin and iris species as well as the hdbscan library (same partition, ARI pinned)', () => {
    // Measured with the library (prims_kdtree), min_cluster_size = min_samples = 5: penguins ARI
    // 0.6527, iris 0.5638 (both find 2 clusters: Adelie+Chinstrap and setosa stay merged).
    const p = hdbscan(datasets.penguins.x, { minClusterSize: 5, minSamples: 5 });
    expect(adjustedRandIndex(p.labels, datasets.penguins.labels)).toBeGreaterThanOrEqual(0.6527 - 1e-4);
    const i = hdbscan(datasets.iris.x, { minClusterSize: 5, minSamples: 5 });
    expect(adjustedRandIndex(i.labels, datasets.iris.labels)).toBeGreaterThanOrEqual(0.5638 - 1e-4);
    // Our defaults on these small tables (minClusterSize 9 / 6) do no worse.
    expect(adjustedRandIndex(hdbscan(datasets.penguins.x).labels, datasets.penguins.labels)).toBeGreaterThanOrEqual(0.65);
    expect(adjustedRandIndex(hdbscan(datasets.iris.x).labels, datasets.iris.labels)).toBeGreaterThanOrEqual(0.54);
  });

  for (const mst of ['prim', 'boruvka'] as const) {
    it(`matches the hdbscan library's labels and probabilities case by case (${mst} spanning tree)`, () => {
      let exact = 0;
      for (const c of reference.cases) {
        const ds = datasets[c.dataset];
        const r = hdbscan(ds.x, { minClusterSize: c.minClusterSize, minSamples: c.minSamples, mst });
        const theirs = Int32Array.from(c.labels);
        const ari = adjustedRandIndex(r.labels, theirs);
        // Mutual-reachability weights tie often (many edges weigh a core distance); different
        // valid spanning trees then order equal-λ merges differently and a few rows change
        // sides. The library's own Prim and Borůvka disagree by as much (ARI 0.973–1).
        expect(ari).toBeGreaterThan(0.97);
        expect(Math.abs(adjustedRandIndex(r.labels, ds.labels) - c.ariVsKnown)).toBeLessThan(0.03);
        let same = 0;
        let absDiff = 0;
        for (let i = 0; i < r.labels.length; i++) {
          const diff = Math.abs(r.probabilities[i] - c.probabilities[i]);
          absDiff += diff;
          if (diff < 1e-4) same++;
        }
        // A row that changes side on a tie moves its cluster's largest λ, rescaling the others.
        expect(absDiff / r.labels.length).toBeLessThan(0.1);
        if (ari === 1 && same === r.labels.length) exact++;
      }
      expect(exact).toBeGreaterThanOrEqual(reference.cases.length / 2);
    });
  }

  it('Prim and Borůvka build spanning trees of the same total weight', () => {
    const random = createRandom(4);
    for (const [n, d] of [[300, 2], [500, 3], [200, 6]]) {
      const x = createMatrix(n, d);
      for (let i = 0; i < x.data.length; i++) x.data[i] = randomNormal(random) + (i % (d * 3) < d ? 4 : 0);
      const tree = new KdTree(x.data, n, d, { leafSize: 4 });
      for (const minSamples of [1, 4]) {
        const core = coreDistances(x, tree, minSamples);
        const total = (w: Float64Array) => w.reduce((a, b) => a + b, 0);
        const prim = primMst(x, core);
        const boruvka = boruvkaMst(tree, core);
        expect(boruvka.weight.length).toBe(n - 1);
        expect(total(boruvka.weight)).toBeCloseTo(total(prim.weight), 6);
      }
    }
  });

  it('finds the blobs of a noisy 3D mixture and calls the uniform noise noise', () => {
    const { x, labels } = datasets.mixture3d;
    const r = hdbscan(x, { minClusterSize: 10, minSamples: 5 });
    expect(Math.max(...r.labels) + 1).toBe(4);
    expect(adjustedRandIndex(r.labels, labels)).toBeGreaterThan(0.95);
    const noiseFlagged = [...r.labels.subarray(760)].filter((l) => l < 0).length;
    expect(noiseFlagged).toBeGreaterThanOrEqual(30);
    for (let i = 0; i < r.labels.length; i++) {
      expect(r.probabilities[i]).toBeGreaterThanOrEqual(0);
      expect(r.probabilities[i]).toBeLessThanOrEqual(1);
      if (r.labels[i] < 0) expect(r.probabilities[i]).toBe(0);
    }
    expect(r.persistence.length).toBe(4);
    for (const p of r.persistence) expect(p).toBeGreaterThan(0);
  });

  it('handles duplicate rows and rejects bad parameters', () => {
    const rows = [...Array(20).fill([0, 0]), ...Array(20).fill([5, 5]), [2, 3]];
    const r = hdbscan(matrixFromRows(rows), { minClusterSize: 5, minSamples: 3 });
    expect(Math.max(...r.labels) + 1).toBe(2);
    expect(r.labels[0]).not.toBe(r.labels[20]);
    expect(r.probabilities.every((p) => Number.isFinite(p))).toBe(true);
    expect(() => hdbscan(matrixFromRows([[1, 2]]))).toThrow(ClusterInputError);
    expect(() => hdbscan(datasets.iris.x, { minClusterSize: 1 })).toThrow(/minClusterSize/);
  });
});
