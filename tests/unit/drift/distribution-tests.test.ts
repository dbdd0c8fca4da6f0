import { describe, expect, it } from 'vitest';
import { chiSquareHomogeneity, chiSquareSurvival, kolmogorovQ, kolmogorovSmirnov, populationStabilityIndex } from '../../../server/analysis/drift/distribution-tests.ts';
import { binCounts, quantileEdges } from '../../../server/analysis/drift/column-drift.ts';

const sorted = (xs: number[]) => Float64Array.from(xs).sort();

/** D straight from the definition: the largest gap between the two ECDFs at any observed value. */
function directD(a: number[], b: number[]): number {
  const ecdf = (xs: number[], t: number) => xs.filter((x) => x <= t).length / xs.length;
  return Math.max(...[...a, ...b].map((t) => Math.abs(ecdf(a, t) - ecdf(b, t))));
}

describe('drift statistics', () => {
  it('KS statistic matches the ECDF definition, ties included', () => {
    const a = [1, 2, 2, 3, 5, 8, 8, 9, 12, 14];
    const b = [2, 4, 6, 6, 7, 9, 10, 11, 13, 15, 16, 18];
    const { statistic, pValue } = kolmogorovSmirnov(sorted(a), sorted(b));
    expect(statistic).toBeCloseTo(directD(a, b), 12);
    const en = Math.sqrt((a.length * b.length) / (a.length + b.length));
    expect(pValue).toBeCloseTo(kolmogorovQ((en + 0.12 + 0.11 / en) * statistic), 12);
    expect(pValue).toBeGreaterThan(0.05);
  });

  it('the Kolmogorov distribution gives the textbook critical values', () => {
    expect(kolmogorovQ(1.358)).toBeCloseTo(0.05, 3);
    expect(kolmogorovQ(1.628)).toBeCloseTo(0.01, 3);
    expect(kolmogorovQ(0)).toBe(1);
  });

  it('chi-square survival matches closed forms and tables', () => {
    for (const x of [0.5, 2, 9.21, 20]) expect(chiSquareSurvival(x, 2)).toBeCloseTo(Math.exp(-x / 2), 10);
    expect(chiSquareSurvival(3.841, 1)).toBeCloseTo(0.05, 3);
    expect(chiSquareSurvival(11.07, 5)).toBeCloseTo(0.05, 3);
  });

  it('chi-square of a 2 × k table matches a hand computation', () => {
    const r = [30, 20, 10];
    const c = [20, 20, 20];
    const total = 120;
    let expected = 0;
    for (let i = 0; i < 3; i++) {
      const col = r[i] + c[i];
      expected += (r[i] - (60 * col) / total) ** 2 / ((60 * col) / total) + (c[i] - (60 * col) / total) ** 2 / ((60 * col) / total);
    }
    const got = chiSquareHomogeneity(r, c);
    expect(got.statistic).toBeCloseTo(expected, 10);
    expect(got.df).toBe(2);
    expect(got.pValue).toBeCloseTo(Math.exp(-expected / 2), 10);
  });

  it('PSI on quantile bins matches a direct computation on a small example', () => {
    const ref = sorted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const cur = sorted([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const edges = quantileEdges(ref, 5);
    expect(edges).toEqual([2, 4, 6, 8]);
    const rc = binCounts(ref, edges);
    const cc = binCounts(cur, edges);
    expect(rc).toEqual([2, 2, 2, 2, 2]);
    expect(cc).toEqual([0, 2, 2, 2, 4]);
    const eps = 1e-4;
    const direct = (eps - 0.2) * Math.log(eps / 0.2) + (0.4 - 0.2) * Math.log(0.4 / 0.2);
    expect(populationStabilityIndex(rc, cc)).toBeCloseTo(direct, 12);
    expect(populationStabilityIndex(rc, rc)).toBe(0);
  });

  it('tied reference values never split across bins', () => {
    const edges = quantileEdges(sorted([1, 1, 1, 1, 1, 1, 2, 3, 4, 5]), 10);
    expect(edges).toEqual([1, 2, 3, 4]);
  });
});
