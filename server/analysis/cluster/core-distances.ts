import type { Matrix } from '../matrix.ts';
import type { KdTree } from '../../../shared/spatial/kdtree.ts';
import { throwIfAborted, type ProgressFn } from '../progress.ts';

/**
 * Core distance of every row: the distance to its minSamples-th nearest other row (the
 * hdbscan library's convention; scikit-learn's HDBSCAN counts the row itself, so its
 * min_samples = ours + 1). Exact, by kd-tree.
 */
export function coreDistances(x: Matrix, tree: KdTree, minSamples: number, onProgress?: ProgressFn, signal?: AbortSignal): Float64Array {
  const { rows: n, cols: d, data } = x;
  const k = Math.min(minSamples + 1, n);
  const core = new Float64Array(n);
  const idx = new Int32Array(k);
  const dist = new Float64Array(k);
  const every = Math.max(1, Math.floor(n / 50));
  for (let i = 0; i < n; i++) {
    if (i % every === 0) {
      throwIfAborted(signal);
      onProgress?.(i / n);
    }
    const found = tree.nearestInto(data, i * d, k, idx, dist);
    core[i] = dist[found - 1];
  }
  return core;
}
