import { createRandom, randomNormal } from '../../../shared/random.ts';
import { symmetricEigen } from '../reduce/symmetric-eigen.ts';
import type { SparseMatrix } from './tfidf.ts';

export interface TruncatedSvdOptions {
  seed: number;
  /** Extra random directions beyond the k wanted (Halko et al. suggest 5–10). */
  oversample?: number;
  /** Power iterations: sharpen the subspace when singular values decay slowly, as text's do. */
  powerIterations?: number;
}

export interface TruncatedSvd {
  /** rows × k, row-major: each row's coordinates on the k leading right singular vectors (X·V = U·Σ). */
  coordinates: Float64Array;
  k: number;
  /** The k singular values, largest first. */
  singularValues: Float64Array;
  /** Share of the matrix's squared Frobenius norm the k components keep. */
  keptShare: number;
}

/**
 * The k leading components of a sparse matrix by randomized SVD (Halko, Martinsson & Tropp
 * 2011, as scikit-learn's TruncatedSVD runs it): a seeded Gaussian sketch, a few power
 * iterations re-orthonormalised each time, then the exact SVD of the small l × l problem.
 * Never centred (as LSA: centring would make the sparse matrix dense). Signs are fixed so that
 * each component's largest coordinate is positive: same input and seed, same output.
 */
export function truncatedSvd(x: SparseMatrix, k: number, options: TruncatedSvdOptions): TruncatedSvd {
  const { rows: n, cols: m } = x;
  const kk = Math.max(0, Math.min(k, n, m));
  const l = Math.min(kk + (options.oversample ?? 10), n, m);
  const random = createRandom(options.seed);
  let sketch: Float64Array[] = Array.from({ length: l }, () => Float64Array.from({ length: m }, () => randomNormal(random)));
  let q = orthonormalise(multiply(x, sketch));
  for (let it = 0; it < (options.powerIterations ?? 4); it++) {
    sketch = orthonormalise(multiplyTransposed(x, q));
    q = orthonormalise(multiply(x, sketch));
  }
  // B = Qᵀ X (l × m) is held as its transpose Z = Xᵀ Q; B Bᵀ = Zᵀ Z is l × l.
  const z = multiplyTransposed(x, q);
  const gram = new Float64Array(l * l);
  for (let i = 0; i < l; i++) for (let j = i; j < l; j++) gram[i * l + j] = gram[j * l + i] = dot(z[i], z[j]);
  const eigen = symmetricEigen(gram, l);
  const coordinates = new Float64Array(n * kk);
  const singularValues = new Float64Array(kk);
  for (let c = 0; c < kk; c++) {
    const sigma = Math.sqrt(Math.max(0, eigen.values[c]));
    singularValues[c] = sigma;
    // Column c of U = Q · (eigenvector c), scaled by σ.
    const u = new Float64Array(n);
    for (let t = 0; t < l; t++) {
      const w = eigen.vectors[c * l + t];
      if (w === 0) continue;
      const qt = q[t];
      for (let r = 0; r < n; r++) u[r] += w * qt[r];
    }
    let largest = 0;
    for (let r = 0; r < n; r++) if (Math.abs(u[r]) > Math.abs(largest)) largest = u[r];
    const sign = largest < 0 ? -sigma : sigma;
    for (let r = 0; r < n; r++) coordinates[r * kk + c] = sign * u[r];
  }
  let total = 0;
  for (const v of x.values) total += v * v;
  let kept = 0;
  for (const s of singularValues) kept += s * s;
  return { coordinates, k: kk, singularValues, keptShare: total > 0 ? Math.min(1, kept / total) : 0 };
}

/** X · M for M given as columns of length x.cols; the result as columns of length x.rows. */
function multiply(x: SparseMatrix, columns: Float64Array[]): Float64Array[] {
  return columns.map((col) => {
    const out = new Float64Array(x.rows);
    for (let r = 0; r < x.rows; r++) {
      let sum = 0;
      for (let e = x.rowStart[r]; e < x.rowStart[r + 1]; e++) sum += x.values[e] * col[x.colIndex[e]];
      out[r] = sum;
    }
    return out;
  });
}

/** Xᵀ · M for M given as columns of length x.rows; the result as columns of length x.cols. */
function multiplyTransposed(x: SparseMatrix, columns: Float64Array[]): Float64Array[] {
  return columns.map((col) => {
    const out = new Float64Array(x.cols);
    for (let r = 0; r < x.rows; r++) {
      const v = col[r];
      if (v === 0) continue;
      for (let e = x.rowStart[r]; e < x.rowStart[r + 1]; e++) out[x.colIndex[e]] += x.values[e] * v;
    }
    return out;
  });
}

/** Modified Gram–Schmidt, twice for stability; a column with nothing left of its own becomes zero. */
function orthonormalise(columns: Float64Array[]): Float64Array[] {
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < columns.length; i++) {
      const ci = columns[i];
      for (let j = 0; j < i; j++) {
        const cj = columns[j];
        const p = dot(ci, cj);
        if (p !== 0) for (let r = 0; r < ci.length; r++) ci[r] -= p * cj[r];
      }
      const norm = Math.sqrt(dot(ci, ci));
      if (norm > 1e-10) for (let r = 0; r < ci.length; r++) ci[r] /= norm;
      else ci.fill(0);
    }
  }
  return columns;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
