import { selectRows, type Matrix } from '../matrix.ts';
import { pca } from '../reduce/pca.ts';
import { KdTree } from '../../../shared/spatial/kdtree.ts';

/**
 * Counts, for one query row, how many rows lie strictly closer to it than each of a few given
 * rows (their ranks in the query's neighbour order), exactly, without a pass over every row.
 * Rows are indexed by a kd-tree on their first (up to 8) principal coordinates: the components
 * are orthonormal, so the distance between two rows' coordinates never exceeds their distance.
 * Only the rows within the largest given distance in that projection can be closer; the tree
 * skips the rest (other groups, far regions) without touching them, and each row it visits is
 * abandoned as soon as its partial sum passes that largest distance.
 *
 * Distances are summed exactly as a full pass sums them (original columns in order, float64),
 * so the ranks are bit-for-bit those of a full pass, ties broken by row index as an argsort
 * would; the projection only chooses which rows to look at, with a margin for its float32
 * rounding.
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

/** Principal coordinates indexed: enough to separate groups, few enough for a kd-tree to prune. */
const INDEX_DIMS = 8;
/** Rows sampled (evenly spaced) to find the principal directions: any orthonormal set is correct, good ones prune. */
const DIRECTION_SAMPLE = 20_000;

export function createRankCounter(x: Matrix): RankCounter {
  const { rows: n, cols: d, data } = x;
  const { components, mean, dims } = principalDirections(x);
  const scores = new Float32Array(n * dims);
  let largest = 0;
  for (let q = 0; q < n; q++) {
    for (let c = 0; c < dims; c++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += components[c * d + t] * (data[q * d + t] - mean[t]);
      scores[q * dims + c] = s;
      largest = Math.max(largest, Math.abs(s));
    }
  }
  const tree = new KdTree(scores, n, dims);
  // float32 scores are within 2⁻²⁴ of their value, so a projected distance within ~dims·2⁻²³ of it.
  const margin = largest * 1e-5 + 1e-12;

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
      const base = i * d;
      tree.withinRadius(
        scores,
        Math.sqrt(max2) + margin,
        (q) => {
          if (q === i) return;
          const off = q * d;
          let s = 0;
          let t = 0;
          // Partial sums only grow: once one passes the largest target it cannot be closer (ties need equality).
          while (t < d) {
            const stop = t + 8 < d ? t + 8 : d;
            for (; t < stop; t++) {
              const diff = data[off + t] - data[base + t];
              s += diff * diff;
            }
            if (s > max2) return;
          }
          for (let u = 0; u < m; u++) if (s < targets2[u] || (s === targets2[u] && q < targetRows[u])) counts[u]++;
        },
        i * dims,
      );
    },
  };
}

function principalDirections(x: Matrix): { components: Float64Array; mean: Float64Array; dims: number } {
  const { rows: n, cols: d } = x;
  const dims = Math.min(d, INDEX_DIMS, Math.max(1, n - 1));
  if (n < 2) return { components: Float64Array.from({ length: d }, (_, t) => (t === 0 ? 1 : 0)), mean: new Float64Array(d), dims: 1 };
  const take = Math.min(n, DIRECTION_SAMPLE);
  const rows = Int32Array.from({ length: take }, (_, r) => Math.floor((r * n) / take));
  const fit = pca(selectRows(x, rows), Math.min(dims, take));
  return { components: fit.components, mean: fit.mean, dims: Math.min(dims, take) };
}
