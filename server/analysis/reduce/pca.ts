import { createMatrix, type Matrix } from '../matrix.ts';
import { throwIfAborted, type ProgressFn } from '../progress.ts';
import { ReductionInputError, assertFinite, assertPositiveInteger } from './errors.ts';
import { symmetricEigen } from './symmetric-eigen.ts';

export interface PcaOptions {
  onProgress?: ProgressFn;
  signal?: AbortSignal;
}

export interface PcaResult {
  /** rows × nComponents: the centred rows projected on the components. */
  embedding: Matrix;
  /** nComponents × cols, row t is the unit direction of component t. */
  components: Float64Array;
  explainedVarianceRatio: Float64Array;
  /** Column means that were subtracted. */
  mean: Float64Array;
}

/**
 * Principal components from the d × d covariance (accumulated in float64) and its Jacobi
 * eigen-decomposition: one pass over the rows for the means, one for the covariance, one to
 * project. Signs are fixed so that each component's largest-magnitude loading is positive
 * (scikit-learn's svd_flip on the components), which makes the output deterministic.
 */
export function pca(x: Matrix, nComponents: number, opts: PcaOptions = {}): PcaResult {
  const { rows: n, cols: d, data } = x;
  assertPositiveInteger(nComponents, 'nComponents');
  if (n < 2) throw new ReductionInputError(`PCA needs at least 2 rows, got ${n}.`);
  if (nComponents > d) throw new ReductionInputError(`PCA cannot give ${nComponents} components from ${d} columns.`);
  assertFinite(data, d, 'PCA input');

  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += data[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;

  const cov = new Float64Array(d * d);
  const row = new Float64Array(d);
  const checkEvery = Math.max(1, Math.floor(65536 / Math.max(1, d)));
  for (let i = 0; i < n; i++) {
    if (i % checkEvery === 0) {
      throwIfAborted(opts.signal);
      opts.onProgress?.((0.8 * i) / n);
    }
    const base = i * d;
    for (let j = 0; j < d; j++) row[j] = data[base + j] - mean[j];
    for (let a = 0; a < d; a++) {
      const ra = row[a];
      const off = a * d;
      for (let b = a; b < d; b++) cov[off + b] += ra * row[b];
    }
  }
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      const c = cov[a * d + b] / (n - 1);
      cov[a * d + b] = c;
      cov[b * d + a] = c;
    }
  }

  const { values, vectors } = symmetricEigen(cov, d);
  let total = 0;
  for (let t = 0; t < d; t++) total += Math.max(0, values[t]);
  const k = nComponents;
  const components = new Float64Array(k * d);
  const explainedVarianceRatio = new Float64Array(k);
  for (let t = 0; t < k; t++) {
    let biggest = 0;
    for (let j = 0; j < d; j++) if (Math.abs(vectors[t * d + j]) > Math.abs(biggest)) biggest = vectors[t * d + j];
    const sign = biggest < 0 ? -1 : 1;
    for (let j = 0; j < d; j++) components[t * d + j] = sign * vectors[t * d + j];
    explainedVarianceRatio[t] = total > 0 ? Math.max(0, values[t]) / total : 0;
  }

  const embedding = createMatrix(n, k);
  const out = embedding.data;
  for (let i = 0; i < n; i++) {
    if (i % checkEvery === 0) {
      throwIfAborted(opts.signal);
      opts.onProgress?.(0.8 + (0.2 * i) / n);
    }
    const base = i * d;
    for (let j = 0; j < d; j++) row[j] = data[base + j] - mean[j];
    for (let t = 0; t < k; t++) {
      let s = 0;
      const off = t * d;
      for (let j = 0; j < d; j++) s += row[j] * components[off + j];
      out[i * k + t] = s;
    }
  }
  opts.onProgress?.(1);
  return { embedding, components, explainedVarianceRatio, mean };
}

/**
 * Wide data (more than `maxDims` columns) projected on its first `maxDims` principal
 * components before neighbour search; narrower data is returned as is. Distances in the
 * leading components keep the neighbourhoods UMAP and t-SNE care about while making every
 * distance evaluation cheaper.
 */
export function preReduce(x: Matrix, maxDims = 50, opts: PcaOptions = {}): Matrix {
  return x.cols > maxDims ? pca(x, maxDims, opts).embedding : x;
}
