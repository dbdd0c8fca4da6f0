import { describe, expect, it } from 'vitest';
import { matrixFromRows } from '../../../server/analysis/matrix.ts';
import { pca, preReduce } from '../../../server/analysis/reduce/pca.ts';
import { symmetricEigen } from '../../../server/analysis/reduce/symmetric-eigen.ts';
import { iris, penguins } from './datasets.ts';

// Reference: scikit-learn 1.2.1 / numpy 1.24 (Debian), PCA(n_components=4).fit(X) on the same
// z-scored matrices exported as CSV: explained_variance_ratio_.
const SKLEARN_EVR = {
  iris: [0.72962439, 0.22850768, 0.03668921, 0.00517871],
  penguins: [0.68843883, 0.19312914, 0.09130894, 0.02712305],
};

describe('pca', () => {
  it.each([
    ['iris', iris],
    ['penguins', penguins],
  ] as const)('explained variance ratio on %s matches scikit-learn', (name, load) => {
    const { explainedVarianceRatio } = pca(load().x, 4);
    SKLEARN_EVR[name].forEach((v, t) => expect(explainedVarianceRatio[t]).toBeCloseTo(v, 6));
  });

  it('gives orthonormal components and projects the centred rows on them', () => {
    const { x } = penguins();
    const { components, embedding, mean } = pca(x, 3);
    const d = x.cols;
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        let dot = 0;
        for (let j = 0; j < d; j++) dot += components[a * d + j] * components[b * d + j];
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 10);
      }
    }
    for (const i of [0, 17, 200]) {
      for (let t = 0; t < 3; t++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += (x.data[i * d + j] - mean[j]) * components[t * d + j];
        expect(embedding.data[i * 3 + t]).toBeCloseTo(s, 4);
      }
    }
  });

  it('fixes signs: the largest loading of every component is positive, on any row order', () => {
    const { x } = iris();
    const reversed = matrixFromRows(Array.from({ length: x.rows }, (_, i) => x.data.subarray((x.rows - 1 - i) * 4, (x.rows - i) * 4)));
    const a = pca(x, 3).components;
    const b = pca(reversed, 3).components;
    for (let t = 0; t < 3; t++) {
      const row = Array.from(a.subarray(t * 4, t * 4 + 4));
      const biggest = row.reduce((m, v) => (Math.abs(v) > Math.abs(m) ? v : m), 0);
      expect(biggest).toBeGreaterThan(0);
      row.forEach((v, j) => expect(b[t * 4 + j]).toBeCloseTo(v, 8));
    }
  });

  it('pre-reduces only wide data', () => {
    const { x } = iris();
    expect(preReduce(x, 50)).toBe(x);
    expect(preReduce(x, 2).cols).toBe(2);
  });

  it('rejects impossible requests and missing values with a code', () => {
    const { x } = iris();
    expect(() => pca(x, 5)).toThrow(expect.objectContaining({ code: 'bad_reduction_input' }));
    const holey = matrixFromRows([
      [1, 2],
      [NaN, 3],
      [2, 2],
    ]);
    expect(() => pca(holey, 1)).toThrow(/row 1, column 0 is not a finite number/);
  });
});

describe('symmetricEigen', () => {
  it('finds the eigenpairs of a known matrix, largest first', () => {
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 0, 1, 2, 0, 0, 0, 5]), 3);
    expect(Array.from(values)).toEqual([expect.closeTo(5, 12), expect.closeTo(3, 12), expect.closeTo(1, 12)]);
    expect(Math.abs(vectors[2])).toBeCloseTo(1, 12);
    expect(Math.abs(vectors[3] * vectors[4])).toBeCloseTo(0.5, 12);
  });
});
