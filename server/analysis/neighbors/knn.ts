import type { Matrix } from '../matrix.ts';
import type { ProgressFn } from '../progress.ts';
import { createRandom } from '../../../shared/random.ts';
import { ReductionInputError, assertFinite } from '../reduce/errors.ts';
import { exactKnnHeaps, knnOfRow } from './knn-exact.ts';
import { kdTreeKnn } from './knn-kdtree.ts';
import { defaultMaxCandidates, nnDescentHeaps, type NnDescentOptions } from './nn-descent.ts';
import { sortHeaps, type NeighborHeaps } from './neighbor-heap.ts';
import { spawnLockstepHelper } from '../reduce/lockstep-helper.ts';

/** Each row's k nearest other rows, nearest first. */
export interface KnnGraph {
  k: number;
  /** n × k row indices; a row never lists itself. */
  indices: Int32Array;
  /** n × k euclidean distances, ascending within each row. */
  distances: Float32Array;
}

export interface KnnOptions {
  seed?: number;
  signal?: AbortSignal;
  onProgress?: ProgressFn;
  /**
   * 'auto' (default): brute force where it is cheaper than NN-descent (small n, large k), the
   * kd-tree in a few dimensions, NN-descent otherwise. 'exact' is brute force.
   */
  method?: 'auto' | 'exact' | 'kd-tree' | 'nn-descent';
  /**
   * Threads for NN-descent: 2 has a helper thread grow every second tree, compute half of the
   * join distances and write half of the rows' heaps, with the same result as 1. Default: 2
   * from 20,000 rows.
   */
  threads?: 1 | 2;
  /** NN-descent's candidates per row and round and its stopping threshold, where a caller knows better than the defaults (t-SNE). */
  nnDescent?: Pick<NnDescentOptions, 'maxCandidates' | 'delta'>;
}

/**
 * Up to this many columns a kd-tree query prunes well: exact answers faster than NN-descent's
 * approximate ones. Measured at 100k uniform-ish rows, k = 14: 3 columns 1.8 s against 8.4 s;
 * 5 columns 14 s against 9 s.
 */
const KD_TREE_MAX_DIMS = 4;

const JOIN_KERNEL = new URL('./join-kernel.ts', import.meta.url);

/**
 * Exact search costs n²/2 distances; NN-descent roughly n · 10 · maxCandidates² (a handful of
 * local-join rounds over sampled candidate pairs, measured). Whichever is cheaper wins, so
 * small sets and large k (t-SNE's 3·perplexity) get exact answers.
 */
function exactIsCheaper(n: number, k: number): boolean {
  const candidates = defaultMaxCandidates(k);
  return n <= 10 * candidates * candidates;
}

export function knn(x: Matrix, k: number, opts: KnnOptions = {}): KnnGraph {
  const { rows: n, cols: d } = x;
  if (!Number.isInteger(k) || k < 1) throw new ReductionInputError(`k must be a positive integer, got ${k}.`);
  if (k >= n) throw new ReductionInputError(`Cannot find ${k} neighbours among ${n} rows (k must be below the row count).`);
  assertFinite(x.data, d, 'Neighbour search input');
  const method = opts.method ?? 'auto';
  const exact = method === 'exact' || (method === 'auto' && exactIsCheaper(n, k));
  if (exact) return heapsToGraph(exactKnnHeaps(x, k, opts.signal, opts.onProgress));
  if (method === 'kd-tree' || (method === 'auto' && d <= KD_TREE_MAX_DIMS)) return { k, ...kdTreeKnn(x, k, opts.signal, opts.onProgress) };
  const helper = (opts.threads ?? (n >= 20_000 ? 2 : 1)) === 2 ? spawnLockstepHelper(JOIN_KERNEL) : null;
  try {
    return heapsToGraph(nnDescentHeaps(x, k, { ...opts.nnDescent, random: createRandom(opts.seed ?? 42), signal: opts.signal, onProgress: opts.onProgress, helper }));
  } finally {
    helper?.stop();
  }
}

/** The k nearest rows to one row (the explorer's "rows most like this one"), exact. */
export function nearestRows(x: Matrix, row: number, k: number): { indices: Int32Array; distances: Float32Array } {
  if (!Number.isInteger(row) || row < 0 || row >= x.rows) throw new ReductionInputError(`Row ${row} is out of range (0..${x.rows - 1}).`);
  if (!Number.isInteger(k) || k < 1 || k >= x.rows) throw new ReductionInputError(`k must be an integer in [1, ${x.rows - 1}], got ${k}.`);
  return knnOfRow(x, row, k);
}

function heapsToGraph(heaps: NeighborHeaps): KnnGraph {
  sortHeaps(heaps);
  const distances = heaps.distances;
  for (let i = 0; i < distances.length; i++) distances[i] = Math.sqrt(distances[i]);
  return { k: heaps.k, indices: heaps.indices, distances };
}
