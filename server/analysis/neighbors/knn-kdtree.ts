import { KdTree } from '../../../shared/spatial/kdtree.ts';
import type { Matrix } from '../matrix.ts';
import { throwIfAborted, type ProgressFn } from '../progress.ts';

/**
 * Exact k nearest neighbours of every row through the shared kd-tree: in a few dimensions a
 * query prunes all but a handful of leaves, so all n queries cost about n·log n instead of
 * brute force's n². Returns sorted rows of euclidean distances, self excluded.
 */
export function kdTreeKnn(x: Matrix, k: number, signal?: AbortSignal, onProgress?: ProgressFn): { indices: Int32Array; distances: Float32Array } {
  const { rows: n, cols: d, data } = x;
  const tree = new KdTree(data, n, d);
  const indices = new Int32Array(n * k);
  const distances = new Float32Array(n * k);
  // One extra neighbour: the row itself (or, among duplicates, one of its copies) is dropped.
  const foundIdx = new Int32Array(k + 1);
  const foundDist = new Float64Array(k + 1);
  for (let i = 0; i < n; i++) {
    if ((i & 4095) === 0) {
      throwIfAborted(signal);
      onProgress?.(i / n);
    }
    const count = tree.nearestInto(data, i * d, k + 1, foundIdx, foundDist);
    let skip = count - 1;
    for (let t = 0; t < count; t++) {
      if (foundIdx[t] === i) {
        skip = t;
        break;
      }
    }
    let out = i * k;
    for (let t = 0; t < count && out < (i + 1) * k; t++) {
      if (t === skip) continue;
      indices[out] = foundIdx[t];
      distances[out++] = foundDist[t];
    }
  }
  onProgress?.(1);
  return { indices, distances };
}
