import { describe, expect, it } from 'vitest';
import { isolationForest, averagePathLength } from '../../../server/analysis/anomaly/isolation-forest.ts';
import { zScoreAnomaly, erf } from '../../../server/analysis/anomaly/z-score.ts';
import { densityAnomaly } from '../../../server/analysis/anomaly/density.ts';
import { flagTop } from '../../../server/analysis/anomaly/flag-top.ts';
import { AnomalyInputError } from '../../../server/analysis/anomaly/errors.ts';
import { createMatrix, matrixFromRows } from '../../../server/analysis/matrix.ts';
import { plantedOutliers, rocAuc } from './planted.ts';
import { penguins } from '../cluster/real-data.ts';

// References on the same planted sets (written out and read by /usr/bin/python3, scikit-learn
// 1.2.1): IsolationForest(100 trees, max_samples 256) AUC over 5 seeds, d = 5: 0.9959–0.9982
// (mean 0.9974), d = 20: 0.9329–0.96 (mean 0.9512); LocalOutlierFactor(10) AUC d = 5: 0.9994.

describe('isolationForest', () => {
  it('gives planted outliers the top scores (AUC as scikit-learn’s), scores in [0, 1]', () => {
    const { x, truth } = plantedOutliers(1000, 20, 5, 12);
    for (const seed of [1, 2, 3]) {
      const scores = isolationForest(x, { seed });
      expect(rocAuc(scores, truth)).toBeGreaterThan(0.99);
      for (const s of scores) {
        expect(s).toBeGreaterThan(0);
        expect(s).toBeLessThan(1);
      }
    }
    const wide = plantedOutliers(1000, 20, 20, 27);
    expect(rocAuc(isolationForest(wide.x, { seed: 1 }), wide.truth)).toBeGreaterThan(0.93);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const { x } = plantedOutliers(300, 5, 3, 4);
    const a = isolationForest(x, { seed: 9, trees: 20 });
    expect(isolationForest(x, { seed: 9, trees: 20 })).toEqual(a);
    expect(isolationForest(x, { seed: 10, trees: 20 })).not.toEqual(a);
  });

  it('uses the paper’s c(n), handles constant columns, tiny inputs, and rejects bad parameters', () => {
    expect(averagePathLength(1)).toBe(0);
    expect(averagePathLength(2)).toBe(1);
    // c(256) = 2·H(255) − 2·255/256 with H(i) ≈ ln i + γ.
    expect(averagePathLength(256)).toBeCloseTo(2 * (Math.log(255) + 0.5772156649) - (2 * 255) / 256, 9);
    const x = matrixFromRows([[1, 5], [1, 5], [1, 5], [1, 50]]);
    const scores = isolationForest(x, { seed: 1 });
    expect(scores[3]).toBeGreaterThan(scores[0]);
    expect(scores[0]).toBe(scores[1]);
    expect(() => isolationForest(x, { seed: 1, trees: 0 })).toThrow(AnomalyInputError);
    expect(() => isolationForest(createMatrix(0, 2), { seed: 1 })).toThrow(/at least 1 row/);
  });
});

describe('zScoreAnomaly', () => {
  it('ranks planted outliers first and maps max |z| through erf^m', () => {
    const { x, truth } = plantedOutliers(1000, 20, 5, 12);
    expect(rocAuc(zScoreAnomaly(x), truth)).toBeGreaterThan(0.99);
    expect(erf(1)).toBeCloseTo(0.8427007929, 6);
    expect(erf(2)).toBeCloseTo(0.995322265, 6);
    // One column 1..9 plus an extreme value: median 5.5, MAD 2.5.
    const col = matrixFromRows([[1], [2], [3], [4], [5], [6], [7], [8], [9], [1000]]);
    const s = zScoreAnomaly(col);
    expect(s[9]).toBeCloseTo(1, 6);
    expect(s[4]).toBeCloseTo(erf(0.5 / (1.4826 * 2.5) / Math.SQRT2), 5);
  });

  it('skips constant columns and falls back to the mean deviation when the MAD is 0', () => {
    const rows = Array.from({ length: 20 }, (_, i) => [7, i < 15 ? 0 : i]);
    const s = zScoreAnomaly(matrixFromRows(rows));
    expect(s[0]).toBe(0);
    expect(s[19]).toBeGreaterThan(s[16]);
    expect(s[19]).toBeGreaterThan(0.9);
  });
});

describe('densityAnomaly', () => {
  it('is the local outlier factor scikit-learn computes, squashed to 1 − 1/LOF', () => {
    const { x, truth } = plantedOutliers(1000, 20, 5, 12);
    const s = densityAnomaly(x, { k: 10 });
    expect(rocAuc(s, truth)).toBeGreaterThan(0.99);
    // LocalOutlierFactor(n_neighbors=10).negative_outlier_factor_ negated, rows 0, 2 and last.
    const lofOf = (score: number) => 1 / (1 - score);
    expect(lofOf(s[0])).toBeCloseTo(1.232250201700706, 4);
    expect(lofOf(s[2])).toBeCloseTo(1.0735381366811523, 4);
    expect(lofOf(s[1019])).toBeCloseTo(2.801181038201784, 4);
  });

  it('accepts a precomputed neighbour graph, survives duplicates, scores real data in [0, 1]', () => {
    const x = matrixFromRows([[0, 0], [0, 0], [0, 0], [1, 0], [0, 1], [9, 9]]);
    const direct = densityAnomaly(x, { k: 2 });
    expect(direct.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)).toBe(true);
    expect(direct[5]).toBeGreaterThan(0.9);
    const p = densityAnomaly(penguins().x);
    expect(Math.max(...p)).toBeLessThanOrEqual(1);
    expect(p.filter((v) => v > 0.5).length).toBeLessThan(20);
    const bad = { k: 1, indices: new Int32Array(3), distances: new Float32Array(3) };
    expect(() => densityAnomaly(x, { k: 2, neighbors: bad })).toThrow(AnomalyInputError);
  });
});

describe('flagTop', () => {
  it('flags exactly ⌈contamination·n⌉ rows, the highest scores, ties by row order', () => {
    const scores = Float32Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);
    const flags = flagTop(scores, 0.02);
    expect(flags.reduce((a, b) => a + b, 0)).toBe(20);
    for (let i = 0; i < 1000; i++) expect(flags[i]).toBe(scores[i] >= 980 ? 1 : 0);
    expect(flagTop([0.5, 0.9, 0.9, 0.1], 0.25)).toEqual(Uint8Array.from([0, 1, 0, 0]));
    expect(flagTop([1, 2, 3], 0.5).reduce((a, b) => a + b, 0)).toBe(2);
    expect(flagTop([1, 2, 3], 0).every((f) => f === 0)).toBe(true);
    expect(() => flagTop([1], 1.5)).toThrow(AnomalyInputError);
  });
});
