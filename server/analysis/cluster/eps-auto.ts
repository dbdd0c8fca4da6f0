import type { Matrix } from '../matrix.ts';
import type { KdTree } from '../../../shared/spatial/kdtree.ts';
import { seededSample } from '../sample-rows.ts';

/** Rows whose k-distance is read; a quantile of 5,000 draws is stable to about ±0.6 percentile points. */
const CURVE_SAMPLE = 5000;

/**
 * Share of points 'auto' lets DBSCAN leave as noise. Ester et al. (1996, §4.2) derive eps from
 * the sorted k-distance graph and an estimate of the share of noise; 5% measured best of 2, 5
 * and the Kneedle knee on our layouts (see docs/analysis.md).
 */
export const AUTO_NOISE_SHARE = 0.05;

/**
 * eps for DBSCAN from the k-distance curve, k = minPts: for a seeded sample of rows, the
 * distance to the minPts-th nearest row counting the row itself — exactly the smallest eps
 * that makes the row a core row. eps is its (1 − AUTO_NOISE_SHARE) quantile, so 95% of rows
 * are core rows and at most 5% can be noise.
 *
 * Why not the knee of that curve (Kneedle, which this replaced): UMAP and t-SNE layouts pack
 * clusters into tight cores with looser rims, the curve bends early, and the knee (near the
 * 85th–90th percentile) cut rims into dozens of fringe clusters: 40 clusters on the Seattle
 * weather layout (ARI 0.12 against the weather label) where the 95th percentile finds 7 (0.77).
 */
export function autoEps(x: Matrix, tree: KdTree, minPts: number, seed: number): number {
  const { rows: n, cols: d, data } = x;
  const k = Math.min(minPts, n);
  const rows = seededSample(n, Math.min(n, CURVE_SAMPLE), seed ^ 0x2545f491);
  const curve = new Float64Array(rows.length);
  const idx = new Int32Array(k);
  const dist = new Float64Array(k);
  for (let r = 0; r < rows.length; r++) {
    const count = tree.nearestInto(data, rows[r] * d, k, idx, dist);
    curve[r] = dist[count - 1];
  }
  curve.sort();
  return curve[Math.min(curve.length - 1, Math.ceil((1 - AUTO_NOISE_SHARE) * curve.length) - 1)];
}
