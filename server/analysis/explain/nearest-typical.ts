import { squaredDistanceBelow, type Matrix } from '../matrix.ts';

/**
 * The k nearest typical (non-flagged) points of `point` in feature space, nearest first (ties:
 * lower index first). A scan of every point: called for the top anomalies only (20 × n × d).
 */
export function nearestTypical(features: Matrix, point: number, flags: Uint8Array, anyTypical: boolean, k = 3): { point: number; distance: number }[] {
  const { rows, cols, data } = features;
  const best: { point: number; d2: number }[] = [];
  for (let q = 0; q < rows; q++) {
    if (q === point || (anyTypical && flags[q] !== 0)) continue;
    const bound = best.length === k ? best[k - 1].d2 : Infinity;
    const d2 = squaredDistanceBelow(data, point, data, q, cols, bound);
    if (d2 >= bound) continue;
    let i = best.length < k ? best.length : k - 1;
    if (best.length < k) best.push({ point: q, d2 });
    while (i > 0 && best[i - 1].d2 > d2) {
      best[i] = best[i - 1];
      i--;
    }
    best[i] = { point: q, d2 };
  }
  return best.map((b) => ({ point: b.point, distance: Math.sqrt(b.d2) }));
}
