import { describe, expect, it } from 'vitest';
import { createMatrix, type Matrix } from '../../../server/analysis/matrix.ts';
import { pca } from '../../../server/analysis/reduce/pca.ts';
import { trustworthiness } from '../../../server/analysis/quality/trustworthiness.ts';
import { createRandom } from '../../../shared/random.ts';
import { overlappingMixture, penguins } from './datasets.ts';

// Reference: sklearn.manifold.trustworthiness(X, PCA(3).fit_transform(X), n_neighbors=10),
// scikit-learn 1.2.1, on the same z-scored matrices.
const SKLEARN_PCA3 = { penguins: 0.9877730313532683, mixture: 0.9529601126987322 };

/**
 * The definition, written out: argsort of every query's distances in both spaces (ties by
 * index), each low-space neighbour outside the high-space k costing its rank − k. Queries are
 * the same seeded sample trustworthiness() draws.
 */
function fullPass(high: Matrix, low: Matrix, k: number, sample: number | undefined, seed: number): number {
  const n = high.rows;
  const all = Array.from({ length: n }, (_, i) => i);
  let queries = all;
  if (sample !== undefined) {
    const random = createRandom(seed);
    const pool = Int32Array.from(all);
    for (let t = 0; t < sample; t++) {
      const r = t + Math.floor(random() * (n - t));
      [pool[t], pool[r]] = [pool[r], pool[t]];
    }
    queries = Array.from(pool.subarray(0, sample));
  }
  const sq = (m: Matrix, i: number, j: number) => {
    let s = 0;
    for (let t = 0; t < m.cols; t++) s += (m.data[j * m.cols + t] - m.data[i * m.cols + t]) ** 2;
    return s;
  };
  const ranked = (m: Matrix, i: number) => all.filter((j) => j !== i).sort((a, b) => sq(m, i, a) - sq(m, i, b) || a - b);
  let cost = 0;
  for (const i of queries) {
    const highOrder = ranked(high, i);
    for (const j of ranked(low, i).slice(0, k)) cost += Math.max(0, highOrder.indexOf(j) + 1 - k);
  }
  return 1 - (2 / (queries.length * k * (2 * n - 3 * k - 1))) * cost;
}

describe('trustworthiness', () => {
  it('is 1 for the data itself', () => {
    const { x } = penguins();
    expect(trustworthiness(x, x, 10)).toBeCloseTo(1, 12);
  });

  it("matches scikit-learn's figure for a PCA embedding", () => {
    const p = penguins().x;
    expect(trustworthiness(p, pca(p, 3).embedding, 10)).toBeCloseTo(SKLEARN_PCA3.penguins, 5);
    const m = overlappingMixture().x;
    expect(trustworthiness(m, pca(m, 3).embedding, 10)).toBeCloseTo(SKLEARN_PCA3.mixture, 4);
  });

  it('is near 0.5 for a random embedding', () => {
    const { x } = penguins();
    const random = createRandom(3);
    const noise = createMatrix(x.rows, 3);
    for (let i = 0; i < noise.data.length; i++) noise.data[i] = random();
    expect(trustworthiness(x, noise, 10)).toBeLessThan(0.6);
  });

  it('estimates the full figure from a sample of query rows', () => {
    const { x } = overlappingMixture();
    const low = pca(x, 3).embedding;
    expect(Math.abs(trustworthiness(x, low, 10, { sample: 500, seed: 1 }) - SKLEARN_PCA3.mixture)).toBeLessThan(0.01);
  });

  it('ranks exactly as a full pass does, duplicate rows and tied distances included', () => {
    // Rows on a coarse grid: many exact duplicates and equal distances in both spaces.
    const random = createRandom(11);
    const high = createMatrix(400, 6);
    for (let i = 0; i < high.data.length; i++) high.data[i] = Math.floor(random() * 4);
    const low = createMatrix(400, 3);
    for (let i = 0; i < 400; i++) for (let t = 0; t < 3; t++) low.data[i * 3 + t] = high.data[i * 6 + t] + Math.floor(random() * 2);
    for (const sample of [undefined, 150]) {
      expect(trustworthiness(high, low, 10, { sample, seed: 4 })).toBeCloseTo(fullPass(high, low, 10, sample, 4), 12);
    }
    // Any k below n/2, however many target rows a count then takes.
    expect(trustworthiness(high, low, 80, { sample: 60, seed: 4 })).toBeCloseTo(fullPass(high, low, 80, 60, 4), 12);
  });

  it('rejects mismatched inputs', () => {
    const { x } = penguins();
    expect(() => trustworthiness(x, createMatrix(3, 3), 10)).toThrow(/rows/);
    expect(() => trustworthiness(x, x, 400)).toThrow(/k must be/);
  });
});
