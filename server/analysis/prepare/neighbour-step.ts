import { squaredDistanceBelow } from '../matrix.ts';
import { seededSample } from '../sample-rows.ts';

/** The neighbourhood a step is measured at: UMAP's default n_neighbors. */
export const NEIGHBOUR_STEP_K = 15;

/**
 * Query rows are sampled so that the exact search costs about this many squared differences
 * (~0.3 s): 100 queries at 100k × 20, never fewer than 50 nor more than 500.
 */
const WORK = 2e8;
const MIN_QUERIES = 50;
const MAX_QUERIES = 500;

/**
 * The query rows are drawn with a seed of their own, not the analysis seed: the features (and
 * what is computed on them: k-means, anomalies, nearest rows) stay the same when only the
 * layout's seed changes.
 */
const SAMPLE_SEED = 0x5bd1e995;

/**
 * The typical distance from a row to its k-th nearest other row: the median, over a seeded
 * sample of query rows, of the exact k-th neighbour distance among all rows. `values` is n × d
 * row-major. 0 when most rows have k exact duplicates (no local scale to speak of).
 */
export function neighbourStep(values: Float32Array, n: number, d: number, k = NEIGHBOUR_STEP_K): number {
  if (n < 2 || d === 0) return 0;
  const kk = Math.min(k, n - 1);
  const queryCount = Math.min(n, Math.max(MIN_QUERIES, Math.min(MAX_QUERIES, Math.floor(WORK / (n * d)))));
  const queries = seededSample(n, queryCount, SAMPLE_SEED);
  // The kk smallest squared distances so far, ascending; best[kk - 1] is the one to beat.
  const best = new Float64Array(kk);
  const kth = new Float64Array(queries.length);
  for (let s = 0; s < queries.length; s++) {
    const q = queries[s];
    best.fill(Infinity);
    for (let j = 0; j < n; j++) {
      if (j === q) continue;
      // Abandoned once past the k-th best (the same result, ~2x faster at 1M).
      const sum = squaredDistanceBelow(values, q, values, j, d, best[kk - 1]);
      if (sum >= best[kk - 1]) continue;
      let p = kk - 1;
      while (p > 0 && best[p - 1] > sum) {
        best[p] = best[p - 1];
        p--;
      }
      best[p] = sum;
    }
    kth[s] = Math.sqrt(best[kk - 1]);
  }
  kth.sort();
  return kth[Math.floor(kth.length / 2)];
}
