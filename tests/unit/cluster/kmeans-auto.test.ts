import { describe, expect, it } from 'vitest';
import { defaultCeiling, kmeansAuto } from '../../../server/analysis/cluster/kmeans-auto.ts';
import { adjustedRandIndex } from '../../../server/analysis/quality/ari.ts';
import { condensedDistances, silhouette, silhouetteFromDistances } from '../../../server/analysis/quality/silhouette.ts';
import { generateMixture, zScoreColumns } from '../../support/synthetic.ts';
import { iris, penguins } from './real-data.ts';

describe('k-means with k = "auto" beyond 10', () => {
  it('searches past 10 while the silhouette is highest at the top, and finds 15 groups on every seed', () => {
    const mix = generateMixture({ rows: 3000, numeric: 20, categorical: 0, clusters: 15, seed: 9 });
    const x = zScoreColumns(mix.numeric);
    for (const seed of [1, 2, 3]) {
      const auto = kmeansAuto(x, { seed });
      // First 2..10, then on (the ceiling is min(30, √3000 / 2) = 27) until 5 k's past the best.
      expect(auto.scores.map((s) => s.k)).toEqual(Array.from({ length: 19 }, (_, i) => i + 2));
      expect(auto.k).toBe(15);
      expect(adjustedRandIndex(auto.result.labels, mix.labels)).toBeGreaterThan(0.99);
    }
  });

  it('stops at 10 when the silhouette peaks below it, and never searches past √n / 2', () => {
    const six = generateMixture({ rows: 1500, numeric: 8, categorical: 0, clusters: 6, seed: 4 });
    const auto = kmeansAuto(zScoreColumns(six.numeric), { seed: 1 });
    expect(auto.k).toBe(6);
    expect(auto.scores.at(-1)!.k).toBe(10);
    // 25 groups in 500 rows: still rising at 10, stopped at the ceiling ⌊√500 / 2⌋ = 11.
    const many = generateMixture({ rows: 500, numeric: 20, categorical: 0, clusters: 25, seed: 4 });
    const capped = kmeansAuto(zScoreColumns(many.numeric), { seed: 1 });
    expect(capped.scores.at(-1)!.k).toBe(11);
    expect(capped.k).toBe(11);
    expect(defaultCeiling(150)).toBe(6);
    expect(defaultCeiling(1797)).toBe(21);
    expect(defaultCeiling(1_000_000)).toBe(30);
    // Iris: 150 rows, a ceiling of 6 under the first range's 10, so 2..10 only.
    expect(kmeansAuto(iris().x, { seed: 3 }).scores.at(-1)!.k).toBe(10);
  });

  it('scores from precomputed distances exactly as silhouette does', () => {
    for (const data of [iris(), penguins()]) {
      const d = condensedDistances(data.x);
      expect(silhouetteFromDistances(d, data.labels)).toBeCloseTo(silhouette(data.x, data.labels), 6);
    }
    expect(() => silhouetteFromDistances(new Float32Array(3), new Int32Array([0, 1, 0, 1]))).toThrow(/distances/);
  });
});
