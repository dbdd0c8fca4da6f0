import { createMatrix, type Matrix } from '../../matrix.ts';
import { throwIfAborted, type ProgressFn } from '../../progress.ts';
import { createRandom, randomNormal } from '../../../../shared/random.ts';
import { knn, type KnnGraph } from '../../neighbors/knn.ts';
import { ReductionInputError, assertFinite, assertPositiveInteger } from '../errors.ts';
import { preReduce } from '../pca.ts';
import { pcaLayout } from '../init-layout.ts';
import { findAbParams } from './ab-params.ts';
import { fuzzySimplicialSet, type FuzzyGraph } from './fuzzy-graph.ts';
import { createLayoutSchedule, type LayoutSchedule } from './optimize-layout.ts';
import { LAYOUT_DIM } from './layout-state.ts';
import { spawnLockstepHelper, type LockstepHelper } from '../lockstep-helper.ts';

export interface UmapOptions {
  /** The layout is 3D (the optimiser's kernel is written for three coordinates). */
  nComponents?: 3;
  nNeighbors?: number;
  minDist?: number;
  spread?: number;
  /** Default: see defaultEpochs. */
  nEpochs?: number;
  seed?: number;
  learningRate?: number;
  negativeSampleRate?: number;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
  /**
   * Called with the starting layout (epoch 0) before the neighbour search, every `layoutEvery`
   * epochs, and once at the end, each time with a fresh copy of the current n × nComponents
   * positions (the callee may keep it), the epoch reached and the total. The last call's
   * positions equal the returned embedding.
   */
  onLayout?: (positions: Float32Array, epoch: number, nEpochs: number) => void;
  layoutEvery?: number;
  /**
   * Threads for the layout: 2 runs half of every epoch on a helper thread, with the same
   * result as 1. Default: 2 from 5,000 rows (below, the helper's start-up outweighs the gain).
   */
  threads?: 1 | 2;
  /** A neighbour graph already computed for these rows (at least nNeighbors − 1 per row, self excluded). */
  knnGraph?: KnnGraph;
  /**
   * Each epoch draws its negative samples from this many rows, drawn uniformly beforehand and
   * read from a compact copy (layout-state.ts fillNegativePool); 0 draws from all rows directly.
   * Default: NEGATIVE_POOL rows from POOL_FROM rows, else 0.
   */
  negativePool?: number;
}

/**
 * Measured on the 1M-row mixture (2 threads, same graph and start): an epoch took 4.14 CPU s
 * drawing negatives from all rows, 1.96 from a pool of 65,536 rows and 1.79 from 16,384 (192 KB
 * of positions, which stay in a core's 2 MB L2), and 100 epochs gave trustworthiness 0.9861
 * with the pool against 0.9862 without (2,000 queries: standard error ~0.001). At 200k rows an
 * epoch went from 0.52 to 0.43 CPU s with trustworthiness 0.9873 against 0.9874. Below POOL_FROM
 * rows the positions fit the cache already, so smaller tables keep the plain draw.
 */
export const NEGATIVE_POOL = 16_384;
const POOL_FROM = 100_000;

const LAYOUT_KERNEL = new URL('./layout-kernel.ts', import.meta.url);

/** Share of the progress bar given to the neighbour search; the rest is the layout. */
const KNN_SHARE = 0.3;

/**
 * UMAP (McInnes, Healy & Melville 2018) on typed arrays, after umap-learn: kNN graph (exact or
 * NN-descent; a row counts among its own nNeighbors), fuzzy simplicial set, PCA start scaled
 * to [0, 10], negative-sampling SGD (see layout-state.ts for the two departures: two row
 * partitions that see each other's rows as of the epoch's start, so that two threads give the
 * same result as one; from 100k rows, negatives read from a pool of rows drawn each epoch).
 * Wide inputs (> 50 columns) are first reduced to 50 principal
 * components. Deterministic for a given seed.
 *
 * We wrote our own rather than drive umap-js: fed our kNN graph, umap-js still took 18 s at
 * 10k rows and 506 s at 100k, where this takes 4 s and 23 s (same run of the reduce benchmark,
 * trustworthiness 0.994 / 0.995 for both), its layout step being the slow part, and it holds
 * the data as arrays of JS numbers (5 GB peak at 100k; ours 0.3 GB). umap-js stays the
 * reference the benchmark (tests/bench/suites/reduce.ts) and the tests' figures compare against.
 */
export function umap(x: Matrix, opts: UmapOptions = {}): Matrix {
  const dim = LAYOUT_DIM;
  if ((opts.nComponents ?? dim) !== dim) throw new ReductionInputError(`UMAP lays rows out in 3 dimensions, not ${String(opts.nComponents)}.`);
  const n = x.rows;
  if (n < 3) throw new ReductionInputError(`UMAP needs at least 3 rows, got ${n}.`);
  assertFinite(x.data, x.cols, 'UMAP input');
  const nNeighbors = Math.min(opts.nNeighbors ?? 15, n);
  assertPositiveInteger(nNeighbors, 'nNeighbors', 2);
  const minDist = opts.minDist ?? 0.1;
  const spread = opts.spread ?? 1;
  if (!(spread > 0) || !(minDist >= 0) || minDist > spread) {
    throw new ReductionInputError(`UMAP needs spread > 0 and 0 <= minDist <= spread, got minDist ${minDist}, spread ${spread}.`);
  }
  const nEpochs = opts.nEpochs ?? defaultEpochs(n);
  assertPositiveInteger(nEpochs, 'nEpochs');
  const layoutEvery = opts.layoutEvery ?? 10;
  assertPositiveInteger(layoutEvery, 'layoutEvery');
  const seed = opts.seed ?? 42;
  const negativePool = opts.negativePool ?? (n >= POOL_FROM ? NEGATIVE_POOL : 0);
  assertPositiveInteger(negativePool, 'negativePool', 0);

  // Started first so that it boots while the neighbours are searched.
  const helper = (opts.threads ?? (n >= 5_000 ? 2 : 1)) === 2 ? spawnLockstepHelper(LAYOUT_KERNEL) : null;
  try {
    return embed(x, { ...opts, nComponents: dim, nNeighbors, minDist, spread, nEpochs, layoutEvery, seed, negativePool }, helper);
  } finally {
    helper?.stop();
  }
}

type Resolved = UmapOptions & Required<Pick<UmapOptions, 'nComponents' | 'nNeighbors' | 'minDist' | 'spread' | 'nEpochs' | 'layoutEvery' | 'seed' | 'negativePool'>>;

function embed(x: Matrix, opts: Resolved, helper: LockstepHelper | null): Matrix {
  const { nComponents: dim, nEpochs, layoutEvery, signal, onProgress } = opts;
  const n = x.rows;
  const schedule = prepareLayout(x, opts, helper);
  for (let e = 0; e < nEpochs; e++) {
    throwIfAborted(signal);
    schedule.epoch(e);
    onProgress?.(KNN_SHARE + ((1 - KNN_SHARE) * (e + 1)) / nEpochs);
    if (opts.onLayout && (e + 1) % layoutEvery === 0 && e + 1 < nEpochs) {
      const positions = new Float32Array(n * dim);
      schedule.positions(positions);
      opts.onLayout(positions, e + 1, nEpochs);
    }
  }
  const out = createMatrix(n, dim);
  schedule.positions(out.data);
  opts.onLayout?.(out.data.slice(), nEpochs, nEpochs);
  return out;
}

/**
 * Everything before the first epoch. Its own function so that the kNN graph, the fuzzy graph
 * and the features (hundreds of MB at 1M rows) can be collected once the layout state, which
 * copies what it needs, exists.
 */
function prepareLayout(x: Matrix, opts: Resolved, helper: LockstepHelper | null): LayoutSchedule {
  const { nComponents: dim, nNeighbors, minDist, spread, nEpochs, seed, signal, onProgress } = opts;
  const n = x.rows;
  const features = preReduce(x, 50, { signal });
  // The PCA start takes about a second even at 1M rows, the neighbour search minutes: shown
  // first, it is the cloud people look at while the rest is computed (it draws no random
  // numbers the search uses, so the result is the same as computing it after).
  const embedding = initialLayout(features, dim, createRandom(seed ^ 0x5eed));
  opts.onLayout?.(embedding.slice(), 0, nEpochs);
  // As in umap-learn, a row is the first of its own nNeighbors: nNeighbors − 1 others.
  const others = nNeighbors - 1;
  const graph = opts.knnGraph
    ? takeNeighbors(opts.knnGraph, n, others)
    : knn(features, others, { seed, signal, onProgress: onProgress && ((f) => onProgress(KNN_SHARE * f)) });
  throwIfAborted(signal);
  const fuzzy = pruneWeakEdges(fuzzySimplicialSet(graph, n), nEpochs);
  const { a, b } = findAbParams(spread, minDist);
  const params = { a, b, nEpochs, negativeSampleRate: opts.negativeSampleRate ?? 5, repulsionStrength: 1, learningRate: opts.learningRate ?? 1, seed, negativePool: opts.negativePool };
  return createLayoutSchedule(fuzzy, embedding, params, helper);
}

/**
 * umap-js's schedule up to 50,000 rows (500 epochs up to 2,500 rows, 400, 300, then 200 from
 * 7,500), 100 beyond. Measured on the 35-feature benchmark table (trustworthiness k = 10): 10k
 * rows 0.9940 at 200 epochs (umap-js plain 0.9939), 0.9944 at 500; 30k 0.9951 at 100, 0.9953
 * at 200; 100k 0.9954 at 100, 0.9956 at 200 — the PCA start leaves little for the extra epochs
 * to do on large sets, where each epoch costs the most. Fewer epochs at larger n were measured
 * and not taken (issue 13 asks for today's quality): on the mixture 1M rows 0.9842 at 32 epochs
 * against 0.9862 at 100 (442 against 700 CPU s in all); 200k 0.9872 at 71 against 0.9878.
 * `reduction.nEpochs` chooses fewer for a table where time matters more (docs/analysis.md).
 */
export function defaultEpochs(n: number): number {
  if (n <= 2_500) return 500;
  if (n <= 5_000) return 400;
  if (n <= 7_500) return 300;
  if (n <= 50_000) return 200;
  return 100;
}

/** PCA scores rescaled to [0, 10] per axis plus tiny noise (umap-learn's noisy_scale_coords). */
function initialLayout(features: Matrix, dim: number, random: () => number): Float32Array {
  const layout = pcaLayout(features, dim, random);
  const n = features.rows;
  for (let t = 0; t < dim; t++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = layout[i * dim + t];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const scale = hi > lo ? 10 / (hi - lo) : 1;
    for (let i = 0; i < n; i++) layout[i * dim + t] = (layout[i * dim + t] - lo) * scale + randomNormal(random) * 1e-4;
  }
  return layout;
}

/** Edges too weak to be sampled even once in nEpochs are dropped (as umap-learn does). */
function pruneWeakEdges(g: FuzzyGraph, nEpochs: number): FuzzyGraph {
  let max = 0;
  for (let e = 0; e < g.weight.length; e++) if (g.weight[e] > max) max = g.weight[e];
  const threshold = max / nEpochs;
  let m = 0;
  for (let e = 0; e < g.weight.length; e++) {
    if (g.weight[e] < threshold) continue;
    g.head[m] = g.head[e];
    g.tail[m] = g.tail[e];
    g.weight[m++] = g.weight[e];
  }
  return { n: g.n, head: g.head.subarray(0, m), tail: g.tail.subarray(0, m), weight: g.weight.subarray(0, m) };
}

function takeNeighbors(g: KnnGraph, n: number, k: number): KnnGraph {
  if (g.indices.length !== n * g.k || g.k < k) {
    throw new ReductionInputError(`The given neighbour graph has ${g.k} neighbours for ${g.indices.length / g.k} rows; UMAP needs ${k} for ${n}.`);
  }
  if (g.k === k) return g;
  const indices = new Int32Array(n * k);
  const distances = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    indices.set(g.indices.subarray(i * g.k, i * g.k + k), i * k);
    distances.set(g.distances.subarray(i * g.k, i * g.k + k), i * k);
  }
  return { k, indices, distances };
}
