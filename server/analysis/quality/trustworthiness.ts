import type { Matrix } from '../matrix.ts';
import { createRandom } from '../../../shared/random.ts';
import { ReductionInputError } from '../reduce/errors.ts';

export interface TrustworthinessOptions {
  /** Evaluate on this many random query rows (exact ranks against all rows); default: every row. */
  sample?: number;
  seed?: number;
}

/**
 * How far an embedding can be trusted not to invent neighbours (Venna & Kaski), with
 * scikit-learn's definition: for each query row i, every one of its k nearest rows in `low`
 * that is not among its k nearest in `high` costs (rank of that row in high space − k).
 *   T = 1 − 2 / (m·k·(2n − 3k − 1)) · Σ cost,  m = number of queries (n when not sampled).
 * 1 means every low-space neighbour is a true neighbour. With `sample`, queries are a seeded
 * random subset but ranks are still exact against all n rows, so the estimate is unbiased.
 */
export function trustworthiness(high: Matrix, low: Matrix, k = 10, opts: TrustworthinessOptions = {}): number {
  const n = high.rows;
  if (low.rows !== n) throw new ReductionInputError(`trustworthiness: ${n} rows in high space but ${low.rows} in the embedding.`);
  if (!Number.isInteger(k) || k < 1 || k >= n / 2) {
    throw new ReductionInputError(`trustworthiness: k must be an integer in [1, n/2), got ${k} for n = ${n}.`);
  }
  const queries = pickQueries(n, opts.sample, opts.seed ?? 0);
  const highDist = new Float64Array(n);
  const lowDist = new Float64Array(n);
  const lowNearest = new Int32Array(k);
  const lowNearestDist = new Float64Array(k);
  const highNearest = new Int32Array(k);
  const highNearestDist = new Float64Array(k);
  let cost = 0;
  for (const i of queries) {
    squaredDistancesFrom(high, i, highDist);
    squaredDistancesFrom(low, i, lowDist);
    kNearest(lowDist, i, k, lowNearest, lowNearestDist);
    // Only intruders (low-space neighbours that are not among the k nearest in high space) cost
    // anything; in a good layout they are few, so their ranks are all that needs counting.
    kNearest(highDist, i, k, highNearest, highNearestDist);
    for (let t = 0; t < k; t++) {
      const j = lowNearest[t];
      if (highNearest.includes(j)) continue;
      // Rank in high space = 1 + rows strictly closer (self excluded); ties resolved by index so
      // that exactly k rows have rank <= k, as an argsort would.
      const dj = highDist[j];
      let rank = 1;
      for (let q = 0; q < n; q++) {
        if (q === i) continue;
        const dq = highDist[q];
        if (dq < dj || (dq === dj && q < j)) rank++;
        if (rank > n) break;
      }
      if (rank > k) cost += rank - k;
    }
  }
  const m = queries.length;
  return 1 - (2 / (m * k * (2 * n - 3 * k - 1))) * cost;
}

function pickQueries(n: number, sample: number | undefined, seed: number): Int32Array {
  if (sample === undefined || sample >= n) return Int32Array.from({ length: n }, (_, i) => i);
  if (!Number.isInteger(sample) || sample < 1) throw new ReductionInputError(`trustworthiness: sample must be a positive integer, got ${sample}.`);
  // Partial Fisher–Yates: the first `sample` entries are a uniform subset without repeats.
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const random = createRandom(seed);
  for (let t = 0; t < sample; t++) {
    const r = t + Math.floor(random() * (n - t));
    const tmp = all[t];
    all[t] = all[r];
    all[r] = tmp;
  }
  return all.slice(0, sample);
}

function squaredDistancesFrom(m: Matrix, i: number, out: Float64Array): void {
  const { rows, cols, data } = m;
  const base = i * cols;
  for (let q = 0; q < rows; q++) {
    let s = 0;
    const off = q * cols;
    for (let t = 0; t < cols; t++) {
      const diff = data[off + t] - data[base + t];
      s += diff * diff;
    }
    out[q] = s;
  }
}

/** The k smallest entries of dist (excluding `self`), by insertion into a sorted buffer; ties by index. */
function kNearest(dist: Float64Array, self: number, k: number, idx: Int32Array, best: Float64Array): void {
  best.fill(Infinity);
  idx.fill(-1);
  for (let q = 0; q < dist.length; q++) {
    if (q === self) continue;
    const dq = dist[q];
    if (dq >= best[k - 1]) continue;
    let p = k - 1;
    while (p > 0 && best[p - 1] > dq) {
      best[p] = best[p - 1];
      idx[p] = idx[p - 1];
      p--;
    }
    best[p] = dq;
    idx[p] = q;
  }
}
