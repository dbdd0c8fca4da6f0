import type { Matrix } from '../matrix.ts';
import { createRandom, randomInt, type Random } from '../../../shared/random.ts';
import { throwIfAborted, type ProgressFn } from '../progress.ts';
import { assertIntegerParam, assertScorable } from './errors.ts';

export interface IsolationForestOptions {
  trees?: number;
  /** Rows drawn (without replacement) to grow each tree; default 256, as in the paper. */
  sampleSize?: number;
  seed: number;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
}

/**
 * Isolation forest (Liu, Ting & Zhou 2008): random axis-aligned splits isolate unusual rows in
 * few steps. Score s(x) = 2^(−E[h(x)] / c(ψ)) in [0, 1]: E[h] the mean path length over the
 * trees (plus c(size) for the rows left in the leaf), c(ψ) the mean path of an unsuccessful
 * BST search over ψ rows. About 0.5 or below is ordinary; near 1 is isolated at once.
 * Trees stop at depth ⌈log2 ψ⌉. Each split picks a random feature that is not constant in
 * the node and a uniform threshold between its min and max there. Flat typed-array nodes.
 */
export function isolationForest(x: Matrix, options: IsolationForestOptions): Float32Array {
  assertScorable(x, 'Isolation forest');
  const trees = options.trees ?? 100;
  assertIntegerParam(trees, 'Isolation forest: trees', 1);
  assertIntegerParam(options.sampleSize ?? 256, 'Isolation forest: sampleSize', 2);
  const { rows: n, cols: d, data } = x;
  const psi = Math.min(options.sampleSize ?? 256, n);
  const maxDepth = Math.ceil(Math.log2(Math.max(2, psi)));
  const random = createRandom(options.seed);
  const nodesPerTree = 2 * psi;
  const feature = new Int32Array(trees * nodesPerTree);
  // Float32 thresholds, rounded before partitioning, so build and scoring compare alike.
  const threshold = new Float32Array(trees * nodesPerTree);
  const left = new Int32Array(trees * nodesPerTree);
  // A leaf's whole contribution, depth + c(rows left there), computed once rather than per row.
  const leafPath = new Float64Array(trees * nodesPerTree);
  const pool = Int32Array.from({ length: n }, (_, i) => i);
  const rows = new Int32Array(psi);
  const order = Int32Array.from({ length: d }, (_, f) => f);

  for (let t = 0; t < trees; t++) {
    if ((t & 7) === 0) {
      throwIfAborted(options.signal);
      options.onProgress?.((0.3 * t) / trees);
    }
    // Partial Fisher–Yates: the first psi of the pool become a fresh sample without replacement.
    for (let i = 0; i < psi; i++) {
      const j = i + randomInt(random, n - i);
      const tmp = pool[i];
      pool[i] = pool[j];
      pool[j] = tmp;
    }
    rows.set(pool.subarray(0, psi));
    const base = t * nodesPerTree;
    let next = 1;
    const grow = (node: number, from: number, to: number, depth: number): void => {
      const split = depth < maxDepth && to - from > 1 ? chooseSplit(data, d, rows, from, to, random, order) : null;
      if (split === null) {
        feature[base + node] = -1;
        leafPath[base + node] = depth + averagePathLength(to - from);
        return;
      }
      const cut = Math.fround(split.threshold);
      let mid = from;
      for (let i = from; i < to; i++) {
        if (data[rows[i] * d + split.feature] < cut) {
          const tmp = rows[i];
          rows[i] = rows[mid];
          rows[mid++] = tmp;
        }
      }
      feature[base + node] = split.feature;
      threshold[base + node] = cut;
      const l = next;
      next += 2;
      left[base + node] = l;
      grow(l, from, mid, depth + 1);
      grow(l + 1, mid, to, depth + 1);
    };
    grow(0, 0, psi, 0);
  }

  // Tree by tree over all rows: one tree's few KB of nodes stay in L1 (measured 1.5× faster
  // than all trees per row at 100k × 20).
  const totals = new Float64Array(n);
  for (let t = 0; t < trees; t++) {
    if ((t & 7) === 0) {
      throwIfAborted(options.signal);
      options.onProgress?.(0.3 + (0.7 * t) / trees);
    }
    const base = t * nodesPerTree;
    for (let i = 0; i < n; i++) {
      const row = i * d;
      let node = base;
      for (let f = feature[node]; f >= 0; f = feature[node]) {
        node = base + (data[row + f] < threshold[node] ? left[node] : left[node] + 1);
      }
      totals[i] += leafPath[node];
    }
  }
  const norm = averagePathLength(psi);
  const scores = new Float32Array(n);
  for (let i = 0; i < n; i++) scores[i] = norm > 0 ? Math.pow(2, -totals[i] / trees / norm) : 0.5;
  return scores;
}

/**
 * A random non-constant feature of rows[from..to) and a uniform threshold inside its range,
 * or null when every feature is constant there. Features are tried in a fresh random order
 * (`order` is scratch space), so each non-constant one is equally likely.
 */
function chooseSplit(data: Float32Array, d: number, rows: Int32Array, from: number, to: number, random: Random, order: Int32Array) {
  for (let k = 0; k < d; k++) {
    const j = k + randomInt(random, d - k);
    const f = order[j];
    order[j] = order[k];
    order[k] = f;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = from; i < to; i++) {
      const v = data[rows[i] * d + f];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (hi > lo) return { feature: f, threshold: lo + random() * (hi - lo) };
  }
  return null;
}

/** c(m): average path length of an unsuccessful search in a BST of m rows (0 for m ≤ 1). */
export function averagePathLength(m: number): number {
  if (m <= 1) return 0;
  if (m === 2) return 1;
  const harmonic = Math.log(m - 1) + 0.5772156649015329;
  return 2 * harmonic - (2 * (m - 1)) / m;
}
