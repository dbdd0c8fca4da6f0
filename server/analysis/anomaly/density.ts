import type { Matrix } from '../matrix.ts';
import { KdTree } from '../../../shared/spatial/kdtree.ts';
import { knn, type KnnGraph } from '../neighbors/knn.ts';
import { throwIfAborted, type ProgressFn } from '../progress.ts';
import { assertIntegerParam, assertScorable, AnomalyInputError } from './errors.ts';

export interface DensityAnomalyOptions {
  /** Neighbours per row (default 10, at most n − 1). */
  k?: number;
  /** A kNN graph already computed for these rows (self excluded, ≥ k per row), e.g. the embedding's. */
  neighbors?: KnnGraph;
  seed?: number;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
}

/** Up to this many dimensions an exact kd-tree kNN is fast; wider data uses the shared kNN. */
const KD_TREE_MAX_DIM = 16;

/**
 * Local outlier factor (Breunig et al. 2000): how much sparser a row's neighbourhood is than
 * its neighbours' own. reach(a, b) = max(k-distance(b), ‖a − b‖); lrd(a) = 1 / mean reach to
 * its k neighbours (+1e-10 as scikit-learn, so duplicate rows stay finite); LOF(a) = mean
 * lrd(neighbour) / lrd(a). LOF ≈ 1 inside a cluster of any density, > 1 for rows sparser than
 * their surroundings. Mapped to [0, 1] by the monotone squash max(0, 1 − 1/LOF): 0 for rows
 * as dense as their neighbours or denser, 0.5 at twice as sparse, → 1 when isolated.
 */
export function densityAnomaly(x: Matrix, options: DensityAnomalyOptions = {}): Float32Array {
  assertScorable(x, 'Density anomaly', 2);
  const n = x.rows;
  const k = Math.min(options.k ?? 10, n - 1);
  assertIntegerParam(k, 'Density anomaly: k', 1);
  const graph = options.neighbors ?? neighbours(x, k, options);
  if (graph.indices.length !== n * graph.k || graph.k < k) {
    throw new AnomalyInputError(`Density anomaly: the neighbour graph must list at least k = ${k} neighbours for each of the ${n} rows.`);
  }
  const stride = graph.k;
  const kDistance = new Float64Array(n);
  for (let i = 0; i < n; i++) kDistance[i] = graph.distances[i * stride + k - 1];
  const lrd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let reach = 0;
    for (let j = 0; j < k; j++) {
      const o = graph.indices[i * stride + j];
      reach += Math.max(kDistance[o], graph.distances[i * stride + j]);
    }
    lrd[i] = 1 / (reach / k + 1e-10);
  }
  const scores = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < k; j++) sum += lrd[graph.indices[i * stride + j]];
    const lof = sum / k / lrd[i];
    scores[i] = lof > 1 ? 1 - 1 / lof : 0;
  }
  return scores;
}

function neighbours(x: Matrix, k: number, options: DensityAnomalyOptions): KnnGraph {
  const { rows: n, cols: d, data } = x;
  if (d > KD_TREE_MAX_DIM) return knn(x, k, { seed: options.seed ?? 0, signal: options.signal, onProgress: options.onProgress });
  const tree = new KdTree(data, n, d);
  const indices = new Int32Array(n * k);
  const distances = new Float32Array(n * k);
  const idx = new Int32Array(k + 1);
  const dist = new Float64Array(k + 1);
  const every = Math.max(1, Math.floor(n / 20));
  for (let i = 0; i < n; i++) {
    if (i % every === 0) {
      throwIfAborted(options.signal);
      options.onProgress?.(i / n);
    }
    const found = tree.nearestInto(data, i * d, k + 1, idx, dist);
    // Drop the row itself (with duplicates it need not come first); else the farthest extra.
    let skip = idx.subarray(0, found).indexOf(i);
    if (skip < 0) skip = found - 1;
    for (let j = 0, w = 0; j < found && w < k; j++) {
      if (j === skip) continue;
      indices[i * k + w] = idx[j];
      distances[i * k + w++] = dist[j];
    }
  }
  return { k, indices, distances };
}
