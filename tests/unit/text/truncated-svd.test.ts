import { describe, expect, it } from 'vitest';
import { symmetricEigen } from '../../../server/analysis/reduce/symmetric-eigen.ts';
import { tfidf, type SparseMatrix } from '../../../server/analysis/text/tfidf.ts';
import { truncatedSvd } from '../../../server/analysis/text/truncated-svd.ts';
import type { Table } from '../../../shared/table.ts';
import { loadAsset } from '../../support/assets.ts';

function descriptions(table: Table, count: number): string[] {
  const data = table.columns.find((c) => c.name === 'Description')!.data;
  if (data.type !== 'text') throw new Error('Description should be text');
  return data.values.slice(0, count).map((v) => v ?? '');
}

function dense(x: SparseMatrix): Float64Array[] {
  const rows = Array.from({ length: x.rows }, () => new Float64Array(x.cols));
  for (let r = 0; r < x.rows; r++) for (let e = x.rowStart[r]; e < x.rowStart[r + 1]; e++) rows[r][x.colIndex[e]] = x.values[e];
  return rows;
}

describe('truncatedSvd on the TF-IDF of real package descriptions', async () => {
  const table = await loadAsset('debianPackages');
  const model = tfidf(descriptions(table, 200), { minDocuments: 2, maxTerms: 5000 });
  const x = model.matrix;
  const rows = dense(x);
  // Exact singular values: square roots of the eigenvalues of the 200 × 200 Gram matrix X·Xᵀ.
  const gram = new Float64Array(x.rows * x.rows);
  for (let i = 0; i < x.rows; i++) {
    for (let j = i; j < x.rows; j++) {
      let s = 0;
      for (let t = 0; t < x.cols; t++) s += rows[i][t] * rows[j][t];
      gram[i * x.rows + j] = gram[j * x.rows + i] = s;
    }
  }
  const exact = Array.from(symmetricEigen(gram, x.rows).values.slice(0, 10), (v) => Math.sqrt(Math.max(0, v)));

  it('finds the leading singular values within 1% of the exact ones', () => {
    const svd = truncatedSvd(x, 10, { seed: 7 });
    expect(svd.k).toBe(10);
    for (let c = 0; c < 10; c++) expect(Math.abs(svd.singularValues[c] - exact[c]) / exact[c]).toBeLessThan(0.01);
  });

  it('gives coordinates whose column norms are the singular values, and never stretches a distance', () => {
    const svd = truncatedSvd(x, 10, { seed: 7 });
    for (let c = 0; c < 10; c++) {
      let sq = 0;
      for (let r = 0; r < x.rows; r++) sq += svd.coordinates[r * 10 + c] ** 2;
      expect(Math.sqrt(sq)).toBeCloseTo(svd.singularValues[c], 4);
    }
    for (let i = 0; i < 50; i++) {
      const j = (i * 37 + 11) % x.rows;
      let full = 0;
      for (let t = 0; t < x.cols; t++) full += (rows[i][t] - rows[j][t]) ** 2;
      let reduced = 0;
      for (let c = 0; c < 10; c++) reduced += (svd.coordinates[i * 10 + c] - svd.coordinates[j * 10 + c]) ** 2;
      expect(reduced).toBeLessThanOrEqual(full + 1e-6);
    }
  });

  it('is deterministic for a seed, with signs fixed', () => {
    const a = truncatedSvd(x, 10, { seed: 7 });
    const b = truncatedSvd(x, 10, { seed: 7 });
    expect(b.coordinates).toEqual(a.coordinates);
    const other = truncatedSvd(x, 10, { seed: 8 });
    // Another sketch converges to the same leading components, with the same signs.
    for (let r = 0; r < 20; r++) expect(other.coordinates[r * 10]).toBeCloseTo(a.coordinates[r * 10], 2);
  });
});
