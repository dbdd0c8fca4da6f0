import type { Matrix } from '../matrix.ts';
import type { KdTree } from '../../../shared/spatial/kdtree.ts';
import { createRandom, randomInt } from '../../../shared/random.ts';

/** Rows whose k-distance is read; the curve's shape is stable well before this. */
const CURVE_SAMPLE = 5000;
/** The top of the curve left out of the knee search: the most extreme outliers. */
const TAIL = 0.001;

/**
 * eps for DBSCAN from the sorted k-distance curve (Ester et al.'s heuristic), k = minPts: for a
 * seeded sample of rows, the distance to the minPts-th nearest row counting the row itself,
 * which is exactly the smallest eps that makes the row a core row. Sorted ascending, that
 * curve is flat through the clusters and shoots up at the noise; eps is taken at its knee,
 * found as in Kneedle (Satopää et al. 2011): with both axes scaled to [0, 1], the point
 * farthest below the chord from first to last. The top 0.1% of the curve is left out first,
 * so that a handful of extreme outliers cannot stretch the chord and push the knee up among
 * them. On Gaussian-like blobs the curve has no sharp knee and this lands near the 85th–90th
 * percentile: expect some noise and small fringe clusters; HDBSCAN suits such data better.
 */
export function autoEps(x: Matrix, tree: KdTree, minPts: number, seed: number): number {
  const { rows: n, cols: d, data } = x;
  const k = Math.min(minPts, n);
  const rows = sampleRows(n, Math.min(n, CURVE_SAMPLE), seed);
  const curve = new Float64Array(rows.length);
  const idx = new Int32Array(k);
  const dist = new Float64Array(k);
  for (let r = 0; r < rows.length; r++) {
    const count = tree.nearestInto(data, rows[r] * d, k, idx, dist);
    curve[r] = dist[count - 1];
  }
  curve.sort();
  return kneeOf(curve.subarray(0, Math.max(1, Math.ceil(curve.length * (1 - TAIL)))));
}

/** The value at the knee of an ascending curve (max distance below the first-to-last chord). */
export function kneeOf(sorted: Float64Array): number {
  const m = sorted.length;
  const lo = sorted[0];
  const span = sorted[m - 1] - lo;
  if (m < 3 || span <= 0) return sorted[m - 1];
  let best = m - 1;
  let bestGap = -Infinity;
  for (let i = 0; i < m; i++) {
    const gap = i / (m - 1) - (sorted[i] - lo) / span;
    if (gap > bestGap) {
      bestGap = gap;
      best = i;
    }
  }
  return sorted[best];
}

function sampleRows(n: number, m: number, seed: number): Int32Array {
  if (m >= n) return Int32Array.from({ length: n }, (_, i) => i);
  const random = createRandom(seed ^ 0x2545f491);
  const all = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < m; i++) {
    const j = i + randomInt(random, n - i);
    const t = all[i];
    all[i] = all[j];
    all[j] = t;
  }
  return all.subarray(0, m);
}
