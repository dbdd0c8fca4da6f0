import { describe, expect, it } from 'vitest';
import { createMatrix } from '../../../server/analysis/matrix.ts';
import { pca } from '../../../server/analysis/reduce/pca.ts';
import { trustworthiness } from '../../../server/analysis/quality/trustworthiness.ts';
import { createRandom } from '../../../shared/random.ts';
import { overlappingMixture, penguins } from './datasets.ts';

// Reference: sklearn.manifold.trustworthiness(X, PCA(3).fit_transform(X), n_neighbors=10),
// scikit-learn 1.2.1, on the same z-scored matrices.
const SKLEARN_PCA3 = { penguins: 0.9877730313532683, mixture: 0.9529601126987322 };

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

  it('rejects mismatched inputs', () => {
    const { x } = penguins();
    expect(() => trustworthiness(x, createMatrix(3, 3), 10)).toThrow(/rows/);
    expect(() => trustworthiness(x, x, 400)).toThrow(/k must be/);
  });
});
