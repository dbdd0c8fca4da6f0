import { describe, expect, it } from 'vitest';
import { tfidf } from '../../../server/analysis/text/tfidf.ts';
import { tokenize } from '../../../server/analysis/text/tokenize.ts';

describe('tokenize', () => {
  it('lowercases, keeps words of letters and digits, drops stop words, numbers and single letters', () => {
    expect(tokenize("The Refund was LATE: 3 days, don't x-ray the café's mp3 again!")).toEqual(['refund', 'late', 'days', 'ray', "café's", 'mp3']);
  });
});

describe('tfidf', () => {
  const docs = ['late refund refund', 'late delivery', 'refund policy', 'nothing useful here', ''];

  it('keeps terms in at least minDocuments documents, in alphabetical column order', () => {
    const model = tfidf(docs, { minDocuments: 2, maxTerms: 10 });
    expect(model.terms).toEqual(['late', 'refund']);
    expect([...model.documentFrequency]).toEqual([2, 2]);
  });

  it('weighs raw counts by smooth idf and scales each row to unit length (scikit-learn defaults)', () => {
    const model = tfidf(docs, { minDocuments: 1, maxTerms: 100 });
    const n = docs.length;
    const idf = (df: number) => Math.log((1 + n) / (1 + df)) + 1;
    const col = (t: string) => model.terms.indexOf(t);
    // Row 0: late ×1 (df 2), refund ×2 (df 2).
    const raw = [idf(2), 2 * idf(2)];
    const norm = Math.hypot(...raw);
    const { rowStart, colIndex, values } = model.matrix;
    const row0 = new Map<number, number>();
    for (let e = rowStart[0]; e < rowStart[1]; e++) row0.set(colIndex[e], values[e]);
    expect(row0.get(col('late'))).toBeCloseTo(raw[0] / norm, 6);
    expect(row0.get(col('refund'))).toBeCloseTo(raw[1] / norm, 6);
    for (let r = 0; r < 4; r++) {
      let sq = 0;
      for (let e = rowStart[r]; e < rowStart[r + 1]; e++) sq += values[e] ** 2;
      expect(sq).toBeCloseTo(1, 6);
    }
    expect(rowStart[5] - rowStart[4]).toBe(0);
  });

  it('keeps the maxTerms terms in the most documents', () => {
    const model = tfidf(['a1 b2 c3', 'a1 b2', 'a1'], { minDocuments: 1, maxTerms: 2 });
    expect(model.terms).toEqual(['a1', 'b2']);
  });
});
