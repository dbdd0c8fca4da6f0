import { KdTree } from '../spatial/kdtree.ts';
import { samplePoints } from './robust-box.ts';

/** Points the kd-tree is built on; above it an even sample stands in (a 1M-point tree costs ~1 s). */
const TREE_SAMPLE = 50_000;
/** Points whose neighbours are measured. */
const QUERIES = 2048;

/**
 * Median distance from a point to its k-th nearest neighbour: how far apart points are
 * locally. Layouts differ wildly here (UMAP packs a cluster's points ~20× closer than a PCA
 * layout of the same rows), so point sizes follow it rather than the cloud's volume alone.
 * On more than 50,000 points the neighbours are found within an even sample and the distance
 * scaled by (sample / count)^(1/3), the way neighbour distances shrink with density in 3D.
 */
export function medianNeighborDistance(positions: Float32Array, count: number, k = 1): number {
  if (count < 2) return 0;
  const kk = Math.min(k, count - 1);
  const picked = samplePoints(positions, count, undefined, TREE_SAMPLE);
  const m = picked.length;
  if (m < 2) return 0;
  const sample = new Float32Array(m * 3);
  for (let i = 0; i < m; i++) sample.set(positions.subarray(3 * picked[i], 3 * picked[i] + 3), 3 * i);
  const tree = new KdTree(sample, m, 3);
  const q = Math.min(m, QUERIES);
  const distances = new Float64Array(q);
  const index = new Int32Array(kk + 1);
  const dist = new Float64Array(kk + 1);
  for (let s = 0; s < q; s++) {
    const i = Math.floor((s * m) / q);
    const found = tree.nearestInto(sample, 3 * i, kk + 1, index, dist);
    distances[s] = found === kk + 1 ? dist[kk] : 0;
  }
  distances.sort();
  const median = distances[Math.floor((q - 1) / 2)];
  return median * Math.cbrt(m / count);
}
