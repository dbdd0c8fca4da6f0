import type { Matrix } from '../matrix.ts';
import { createRandom } from '../../../shared/random.ts';
import { ReductionInputError } from '../reduce/errors.ts';
import { KdTree } from '../../../shared/spatial/kdtree.ts';
import { buildRankIndex, createRankCounter, type RankIndex } from './rank-counter.ts';
import { createWasmArena, type WasmArena } from '../wasm/arena.ts';

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
 * Low-space neighbours come from a kd-tree, high-space ranks from a sorted projection
 * (rank-counter.ts), so 2,000 queries at 1M rows cost seconds, not minutes.
 */
export function trustworthiness(high: Matrix, low: Matrix, k = 10, opts: TrustworthinessOptions = {}): number {
  const queries = trustQueries(high, low, k, opts);
  const costs = new Float64Array(queries.length);
  let next = 0;
  const arena = createWasmArena();
  measureTrustQueries(buildRankIndex(high, arena), arena, low, k, queries, () => next++, costs);
  return trustFromCosts(costs, high.rows, k);
}

/** The query rows of a measurement (validated): every row, or a seeded sample of them. */
export function trustQueries(high: Matrix, low: Matrix, k: number, opts: TrustworthinessOptions = {}): Int32Array {
  const n = high.rows;
  if (low.rows !== n) throw new ReductionInputError(`trustworthiness: ${n} rows in high space but ${low.rows} in the embedding.`);
  if (!Number.isInteger(k) || k < 1 || k >= n / 2) {
    throw new ReductionInputError(`trustworthiness: k must be an integer in [1, n/2), got ${k} for n = ${n}.`);
  }
  return pickQueries(n, opts.sample, opts.seed ?? 0);
}

/**
 * Measures queries until `take` returns an index past the last: costs[q] = the summed
 * (rank − k) of query q's intruders. Several threads may share one list through an atomic
 * `take`; each query's cost does not depend on who measured it. The high space is given as its
 * rank index (rank-counter.ts), which such threads share; `arena` is the index's, attached on
 * this thread.
 */
export function measureTrustQueries(high: RankIndex, arena: WasmArena, low: Matrix, k: number, queries: Int32Array, take: () => number, costs: Float64Array): void {
  const n = high.n;
  const lowTree = new KdTree(low.data, n, low.cols);
  const ranks = createRankCounter(high, arena);
  // A few spare neighbours, so that rows tied with the k-th are all seen and ordered by index.
  const extra = Math.min(n, k + 5);
  const foundIdx = new Int32Array(extra);
  const foundDist = new Float64Array(extra);
  const lowNearest = new Int32Array(k);
  const targets2 = new Float64Array(k);
  const counts = new Int32Array(k);
  for (let q = take(); q < queries.length; q = take()) {
    const i = queries[q];
    nearestInLow(lowTree, low, i, k, foundIdx, foundDist, lowNearest);
    for (let t = 0; t < k; t++) targets2[t] = ranks.squaredDistance(i, lowNearest[t]);
    // Rank in high space = 1 + rows strictly closer (self excluded; ties by index, as an
    // argsort would). Only intruders, ranked beyond k, cost anything.
    ranks.count(i, lowNearest, targets2, counts);
    let cost = 0;
    for (let t = 0; t < k; t++) if (counts[t] + 1 > k) cost += counts[t] + 1 - k;
    costs[q] = cost;
  }
}

/** The trustworthiness from every query's cost (n rows in all). */
export function trustFromCosts(costs: Float64Array, n: number, k: number): number {
  let cost = 0;
  for (let q = 0; q < costs.length; q++) cost += costs[q];
  const m = costs.length;
  return 1 - (2 / (m * k * (2 * n - 3 * k - 1))) * cost;
}

/** Row i's k nearest other rows in `low`, ties by index (as a stable argsort of distances). */
function nearestInLow(tree: KdTree, low: Matrix, i: number, k: number, idx: Int32Array, dist: Float64Array, out: Int32Array): void {
  const found = tree.nearestInto(low.data, i * low.cols, idx.length, idx, dist);
  let rows: number[] = [];
  for (let t = 0; t < found; t++) if (idx[t] !== i) rows.push(idx[t]);
  // Rows tied with the k-th may have been cut off at the last one fetched: take every row
  // within that distance (a little beyond, for the square root's rounding) and order them all.
  if (found === idx.length && dist[found - 1] === dist[k]) {
    rows = [];
    tree.withinRadius(low.data, dist[k] * (1 + 1e-9), (j) => void (j !== i && rows.push(j)), i * low.cols);
  }
  const d2 = new Map(rows.map((j) => [j, squaredDistance(low, i, j)]));
  rows.sort((a, b) => d2.get(a)! - d2.get(b)! || a - b);
  for (let t = 0; t < k; t++) out[t] = rows[t];
}

function squaredDistance(m: Matrix, i: number, j: number): number {
  let s = 0;
  for (let t = 0; t < m.cols; t++) {
    const diff = m.data[j * m.cols + t] - m.data[i * m.cols + t];
    s += diff * diff;
  }
  return s;
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
