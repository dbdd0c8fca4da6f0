import type { Random } from '../../../../shared/random.ts';
import { createWasmArena } from '../../wasm/arena.ts';
import type { FuzzyGraph } from './fuzzy-graph.ts';
import type { LayoutSgd } from './layout-sgd.ts';

/**
 * The working state of UMAP's layout optimisation in 3D (umap-learn's optimize_layout_euclidean,
 * move_other = true): SGD where every edge is sampled in proportion to its weight
 * (epochs_per_sample = w_max / w), pulled together by the attractive force of the curve
 * 1 / (1 + a·d^(2b)), each positive sample followed by `negativeSampleRate` repulsive samples
 * against random rows, with a learning rate decaying linearly to 0. The epochs run in
 * WebAssembly (layout-sgd.as.ts), which takes a sample's attraction and its negative samples
 * together, all at the point's position as the sample starts, four to a SIMD vector.
 *
 * Rows are split in two partitions (first and second half of the row order). During an epoch,
 * partition p moves only its own rows live; it reads the other partition's rows as they were
 * at the start of the epoch (`snapshot`) and queues its moves of those rows in `delta[p]`;
 * `mergePartitions` applies them between epochs. Partitions never touch each other's live data,
 * so they can run on two threads, and the result is the same whether they run on one thread
 * or two. All arrays are views of one shared WebAssembly memory (`memory`, wasm/arena.ts), which
 * both threads instantiate the kernel on.
 *
 * On large tables (umap.ts NEGATIVE_POOL) the negative samples of an epoch are read from a
 * pool of rows drawn uniformly before it (fillNegativePool), as of the epoch's start.
 */
export interface LayoutState {
  memory: WebAssembly.Memory;
  n: number;
  /** Rows [0, split) are partition 0, [split, n) partition 1. */
  split: number;
  /** Edges are sorted by head: [0, edgeSplit) belong to partition 0. */
  edgeSplit: number;
  head: Int32Array;
  tail: Int32Array;
  epochsPerSample: Float32Array;
  epochsPerNegative: Float32Array;
  nextSample: Float32Array;
  nextNegative: Float32Array;
  /** n × 3 */
  positions: Float32Array;
  snapshot: Float32Array;
  delta: [Float32Array, Float32Array];
  /** Rows the epoch's negative samples are drawn from (fillNegativePool); empty: any row. */
  poolIds: Int32Array;
  /** Their positions as of the epoch's start, poolIds.length × 3. */
  pool: Float32Array;
  a: number;
  b: number;
  gamma: number;
  learningRate: number;
  nEpochs: number;
}

export interface StateParams {
  a: number;
  b: number;
  nEpochs: number;
  negativeSampleRate: number;
  repulsionStrength: number;
  learningRate: number;
  /** Rows in the negative-sample pool (0: draw from all rows). */
  negativePool?: number;
}

export const LAYOUT_DIM = 3;

/** `graph` edges sorted by head; `initial` n × 3 in the graph's row numbering (copied). */
export function createLayoutState(graph: FuzzyGraph, initial: Float32Array, p: StateParams): LayoutState {
  const { n, head, tail, weight } = graph;
  const edges = head.length;
  const poolRows = Math.min(n, p.negativePool ?? 0);
  const arena = createWasmArena();
  let maxWeight = 0;
  for (let e = 0; e < edges; e++) if (weight[e] > maxWeight) maxWeight = weight[e];
  const s: LayoutState = {
    memory: arena.memory,
    n,
    split: n >> 1,
    edgeSplit: 0,
    head: arena.i32(edges),
    tail: arena.i32(edges),
    // Float32 halves the schedule's memory; epoch counts of a few hundred keep a resolution of
    // ~1e-5 epoch, far finer than the one-epoch steps they are compared with.
    epochsPerSample: arena.f32(edges),
    epochsPerNegative: arena.f32(edges),
    nextSample: arena.f32(edges),
    nextNegative: arena.f32(edges),
    positions: arena.f32(n * LAYOUT_DIM),
    snapshot: arena.f32(n * LAYOUT_DIM),
    delta: [arena.f32(n * LAYOUT_DIM), arena.f32(n * LAYOUT_DIM)],
    poolIds: arena.i32(poolRows),
    pool: arena.f32(poolRows * LAYOUT_DIM),
    a: p.a,
    b: p.b,
    gamma: p.repulsionStrength,
    learningRate: p.learningRate,
    nEpochs: p.nEpochs,
  };
  s.head.set(head);
  s.tail.set(tail);
  for (let e = 0; e < edges; e++) {
    const eps = maxWeight / weight[e];
    s.epochsPerSample[e] = eps;
    s.epochsPerNegative[e] = eps / p.negativeSampleRate;
    s.nextSample[e] = eps;
    s.nextNegative[e] = eps / p.negativeSampleRate;
  }
  while (s.edgeSplit < edges && head[s.edgeSplit] < s.split) s.edgeSplit++;
  s.positions.set(initial);
  s.snapshot.set(initial);
  return s;
}

/**
 * Runs partition `part`'s share of epoch `epochIndex` (0-based) with `kernel` (instantiated on
 * `s.memory`), continuing the partition's random stream from `seed`; returns the stream's state.
 */
export function runPartition(s: LayoutState, kernel: LayoutSgd, part: 0 | 1, epochIndex: number, seed: number): number {
  const first = part === 0;
  return kernel.runPartition(
    seed,
    s.n,
    first ? 0 : s.split,
    first ? s.split : s.n,
    first ? 0 : s.edgeSplit,
    first ? s.edgeSplit : s.head.length,
    epochIndex,
    s.learningRate * (1 - epochIndex / s.nEpochs),
    s.a,
    s.b,
    s.gamma,
    s.head.byteOffset,
    s.tail.byteOffset,
    s.epochsPerSample.byteOffset,
    s.epochsPerNegative.byteOffset,
    s.nextSample.byteOffset,
    s.nextNegative.byteOffset,
    s.positions.byteOffset,
    s.snapshot.byteOffset,
    s.delta[part].byteOffset,
    s.pool.byteOffset,
    s.poolIds.byteOffset,
    s.poolIds.length,
  );
}

/**
 * Before an epoch: draws the rows its negative samples come from, uniformly (with repeats),
 * and copies their positions. Each negative sample is still a uniform random row; what changes
 * is where it is read from: a few hundred KB that stay in the core's cache instead of random
 * rows of the whole table, whose cache misses were most of an epoch's time at 1M rows.
 */
export function fillNegativePool(s: LayoutState, random: Random): void {
  const { poolIds, pool, positions, n } = s;
  for (let i = 0; i < poolIds.length; i++) {
    const row = Math.floor(random() * n);
    poolIds[i] = row;
    for (let t = 0; t < LAYOUT_DIM; t++) pool[i * LAYOUT_DIM + t] = positions[row * LAYOUT_DIM + t];
  }
}

/** Between epochs: apply each partition's queued moves of the other's rows, refresh the snapshot. */
export function mergePartitions(s: LayoutState): void {
  const { positions, snapshot, delta, split, n } = s;
  const dim = LAYOUT_DIM;
  for (let c = 0; c < split * dim; c++) {
    positions[c] += delta[1][c];
    delta[1][c] = 0;
  }
  for (let c = split * dim; c < n * dim; c++) {
    positions[c] += delta[0][c];
    delta[0][c] = 0;
  }
  snapshot.set(positions);
}
