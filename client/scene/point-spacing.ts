import { createRandom } from '../../shared/random.ts';
import { KdTree } from '../../shared/spatial/kdtree.ts';

/** Points whose nearest-neighbour distance is measured; above it a random sample stands in. */
const SAMPLE = 4096;

/**
 * Median distance from a point to its nearest neighbour: how far apart points typically are.
 * Layouts differ wildly here (UMAP packs a cluster's points ~20× closer than a PCA layout of the
 * same rows), so point sizes follow it rather than the cloud's volume alone. On more than 4,096
 * points the median is measured within a random sample and scaled by (sample / count)^(1/3),
 * the way nearest-neighbour distances shrink with density in three dimensions.
 */
export function medianNeighborDistance(positions: Float32Array, count: number): number {
  if (count < 2) return 0;
  const m = Math.min(count, SAMPLE);
  let sample = positions.subarray(0, count * 3);
  if (m < count) {
    const random = createRandom(count);
    sample = new Float32Array(m * 3);
    for (let i = 0; i < m; i++) {
      const j = Math.floor(random() * count);
      sample.set(positions.subarray(3 * j, 3 * j + 3), 3 * i);
    }
  }
  const tree = new KdTree(sample, m, 3);
  const distances = new Float64Array(m);
  const index = new Int32Array(2);
  const dist = new Float64Array(2);
  for (let i = 0; i < m; i++) {
    const found = tree.nearestInto(sample, 3 * i, 2, index, dist);
    distances[i] = found === 2 ? dist[1] : 0;
  }
  distances.sort();
  const median = distances[Math.floor((m - 1) / 2)];
  return median * Math.cbrt(m / count);
}
