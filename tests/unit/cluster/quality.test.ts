import { describe, expect, it } from 'vitest';
import { adjustedRandIndex } from '../../../server/analysis/quality/ari.ts';
import { silhouette } from '../../../server/analysis/quality/silhouette.ts';
import { matrixFromRows } from '../../../server/analysis/matrix.ts';
import { iris, penguins } from './real-data.ts';

const labels = (values: number[]) => Int32Array.from(values);

describe('adjustedRandIndex', () => {
  it('is 1 for identical and for permuted labellings', () => {
    expect(adjustedRandIndex(labels([0, 0, 1, 1, 2]), labels([0, 0, 1, 1, 2]))).toBe(1);
    expect(adjustedRandIndex(labels([0, 0, 1, 1, 2]), labels([7, 7, -1, -1, 3]))).toBe(1);
  });

  it("matches scikit-learn's documented values (adjusted_rand_score, 1.2.1)", () => {
    expect(adjustedRandIndex(labels([0, 0, 1, 2]), labels([0, 0, 1, 1]))).toBeCloseTo(0.5714285714285714, 12);
    expect(adjustedRandIndex(labels([0, 0, 1, 1]), labels([0, 0, 1, 2]))).toBeCloseTo(0.5714285714285714, 12);
    expect(adjustedRandIndex(labels([0, 0, 0, 0]), labels([0, 1, 2, 3]))).toBe(0);
    expect(adjustedRandIndex(labels([0, 0, 1, 1]), labels([0, 1, 0, 1]))).toBeCloseTo(-0.5, 12);
  });

  it('is near 0 for independent random labellings and rejects mismatched lengths', () => {
    const a = Int32Array.from({ length: 5000 }, (_, i) => (i * 7919) % 5);
    const b = Int32Array.from({ length: 5000 }, (_, i) => (i * 104729 + 13) % 3);
    expect(Math.abs(adjustedRandIndex(a, b))).toBeLessThan(0.01);
    expect(() => adjustedRandIndex(labels([0, 1]), labels([0]))).toThrow(/rows/);
  });
});

describe('silhouette', () => {
  it("matches scikit-learn's silhouette_score of the species on z-scored iris and penguins", () => {
    // /usr/bin/python3: silhouette_score(StandardScaler().fit_transform(X), species), sklearn 1.2.1.
    const i = iris();
    expect(silhouette(i.x, i.labels)).toBeCloseTo(0.3811261580543803, 5);
    const p = penguins();
    expect(silhouette(p.x, p.labels)).toBeCloseTo(0.4443746061474018, 5);
  });

  it('is 1 for far-apart tight clusters, leaves noise out and scores singletons 0', () => {
    const x = matrixFromRows([[0, 0], [0, 0.01], [10, 10], [10, 10.01], [50, 50], [5, 5]]);
    expect(silhouette(x, labels([0, 0, 1, 1, -1, -1]))).toBeGreaterThan(0.99);
    const withSingleton = silhouette(x, labels([0, 0, 1, 1, 2, -1]));
    // The far singleton changes no other row's nearest cluster, so the mean is 4/5 of the pair score.
    expect(withSingleton).toBeCloseTo((4 * silhouette(x, labels([0, 0, 1, 1, -1, -1]))) / 5, 10);
  });

  it('samples reproducibly and rejects a single cluster', () => {
    const p = penguins();
    const a = silhouette(p.x, p.labels, { sample: 150, seed: 3 });
    expect(silhouette(p.x, p.labels, { sample: 150, seed: 3 })).toBe(a);
    expect(Math.abs(a - 0.444)).toBeLessThan(0.08);
    expect(() => silhouette(p.x, new Int32Array(p.x.rows))).toThrow(/clusters/);
  });
});
