import { selectRows, type Matrix } from '../matrix.ts';
import { pca } from '../reduce/pca.ts';

/**
 * Counts, for one query row, how many rows lie strictly closer to it than each of a few given
 * rows (their ranks in the query's neighbour order), exactly, without a pass over every row.
 * Rows are kept sorted by their projection on the data's first principal direction p, a unit
 * vector, so |p·(x_q − x_i)| ≤ ‖x_q − x_i‖: only the rows whose projection lies within the
 * largest given distance of the query's can be closer, and they are one contiguous run of the
 * sorted copy. Within the run a row's distance is abandoned as soon as its partial sum passes
 * that largest distance. At 1M rows × 35 columns this is ~20× fewer operations than the full
 * pass that trustworthiness' ranks used to take per query.
 *
 * Distances are summed exactly as a full pass sums them (column order, float64), so the ranks
 * are bit-for-bit those of a full pass, ties broken by row index as an argsort would.
 */
export interface RankCounter {
  /** Squared distance from row i to row j of the original matrix. */
  squaredDistance(i: number, j: number): number;
  /**
   * For each t: counts[t] = rows q ≠ i with d(i, q)² < targets2[t], or equal and q < targetRows[t].
   * `targets2` must be the squared distances from i to `targetRows`.
   */
  count(i: number, targetRows: Int32Array, targets2: Float64Array, counts: Int32Array): void;
}

/** Rows sampled (evenly spaced) to find the principal direction: any unit vector is correct, a good one prunes. */
const DIRECTION_SAMPLE = 20_000;

export function createRankCounter(x: Matrix): RankCounter {
  const { rows: n, cols: d, data } = x;
  const direction = principalDirection(x);
  const projection = new Float64Array(n);
  for (let q = 0; q < n; q++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += direction[t] * data[q * d + t];
    projection[q] = s;
  }
  const order = Int32Array.from({ length: n }, (_, q) => q).sort((a, b) => projection[a] - projection[b] || a - b);
  const sorted = selectRows(x, order).data;
  const sortedProjection = Float64Array.from(order, (q) => projection[q]);

  const squaredDistance = (i: number, j: number): number => {
    let s = 0;
    for (let t = 0; t < d; t++) {
      const diff = data[j * d + t] - data[i * d + t];
      s += diff * diff;
    }
    return s;
  };

  return {
    squaredDistance,
    count(i, targetRows, targets2, counts) {
      const m = targetRows.length;
      counts.fill(0);
      let max2 = 0;
      for (let t = 0; t < m; t++) if (targets2[t] > max2) max2 = targets2[t];
      // The projection's rounding (~1e-16 relative) is covered by a slightly wider window.
      const reach = Math.sqrt(max2) * (1 + 1e-9) + 1e-12;
      const from = lowerBound(sortedProjection, projection[i] - reach);
      const to = lowerBound(sortedProjection, projection[i] + reach);
      const base = i * d;
      for (let p = from; p < to; p++) {
        const q = order[p];
        if (q === i) continue;
        const off = p * d;
        let s = 0;
        let t = 0;
        // Partial sums only grow: once one passes the largest target it cannot be closer (ties need equality).
        while (t < d) {
          const stop = t + 8 < d ? t + 8 : d;
          for (; t < stop; t++) {
            const diff = sorted[off + t] - data[base + t];
            s += diff * diff;
          }
          if (s > max2) break;
        }
        if (s > max2) continue;
        for (let u = 0; u < m; u++) if (s < targets2[u] || (s === targets2[u] && q < targetRows[u])) counts[u]++;
      }
    },
  };
}

function principalDirection(x: Matrix): Float64Array {
  const { rows: n, cols: d } = x;
  if (n < 2) return Float64Array.from({ length: d }, (_, t) => (t === 0 ? 1 : 0));
  const take = Math.min(n, DIRECTION_SAMPLE);
  const rows = Int32Array.from({ length: take }, (_, r) => Math.floor((r * n) / take));
  return pca(selectRows(x, rows), 1).components.slice(0, d);
}

/** First index whose value is ≥ v (values ascending). */
function lowerBound(values: Float64Array, v: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
