import { randomNormal, type Random } from '../../../shared/random.ts';
import type { Matrix } from '../matrix.ts';
import { pca } from './pca.ts';

/**
 * A starting layout from the first principal components (umap-learn's init="pca", scikit-learn
 * t-SNE's default): global structure is right from the start, so the optimisers only refine
 * neighbourhoods, and the result is deterministic. Columns beyond the data's own rank (fewer
 * columns than output dimensions) are filled with small noise. Returns n × dim raw PCA scores;
 * each method rescales them its own way.
 */
export function pcaLayout(x: Matrix, dim: number, random: Random): Float32Array {
  const n = x.rows;
  const take = Math.min(dim, x.cols);
  const scores = pca(x, take).embedding.data;
  const out = new Float32Array(n * dim);
  let spread = 0;
  for (let i = 0; i < n * take; i++) spread = Math.max(spread, Math.abs(scores[i]));
  const noise = (spread || 1) * 1e-2;
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < dim; t++) out[i * dim + t] = t < take ? scores[i * take + t] : randomNormal(random) * noise;
  }
  return out;
}
