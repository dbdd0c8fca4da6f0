import type { Random } from '../../../../shared/random.ts';
import { fastPow } from './fast-pow.ts';
import type { FuzzyGraph } from './fuzzy-graph.ts';

/**
 * The working state of UMAP's layout optimisation (umap-learn's optimize_layout_euclidean,
 * move_other = true): SGD where every edge is sampled in proportion to its weight
 * (epochs_per_sample = w_max / w), pulled together by the attractive force of the curve
 * 1 / (1 + a·d^(2b)), each positive sample followed by `negativeSampleRate` repulsive samples
 * against random rows, with a learning rate decaying linearly to 0.
 *
 * Rows are split in two partitions (first and second half of the row order). During an epoch,
 * partition p moves only its own rows live; it reads the other partition's rows as they were
 * at the start of the epoch (`snapshot`) and queues its moves of those rows in `delta[p]`;
 * `mergePartitions` applies them between epochs. Partitions never touch each other's live data,
 * so they can run on two threads, and the result is the same whether they run on one thread
 * or two. All arrays may live on SharedArrayBuffers.
 *
 * On large tables (umap.ts NEGATIVE_POOL) the negative samples of an epoch are read from a
 * pool of rows drawn uniformly before it (fillNegativePool), as of the epoch's start.
 */
export interface LayoutState {
  n: number;
  dim: number;
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
  positions: Float32Array;
  snapshot: Float32Array;
  delta: [Float32Array, Float32Array];
  /** Rows the epoch's negative samples are drawn from (fillNegativePool); empty: any row. */
  poolIds: Int32Array;
  /** Their positions as of the epoch's start, poolIds.length × dim. */
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

/** `graph` edges sorted by head; `initial` n × dim in the graph's row numbering (copied). */
export function createLayoutState(graph: FuzzyGraph, initial: Float32Array, dim: number, p: StateParams, shared: boolean): LayoutState {
  const { n, head, tail, weight } = graph;
  const edges = head.length;
  const alloc = <T extends Int32Array | Float32Array>(Type: { new (b: ArrayBufferLike): T; BYTES_PER_ELEMENT: number }, length: number): T =>
    new Type(shared ? new SharedArrayBuffer(length * Type.BYTES_PER_ELEMENT) : new ArrayBuffer(length * Type.BYTES_PER_ELEMENT));
  let maxWeight = 0;
  for (let e = 0; e < edges; e++) if (weight[e] > maxWeight) maxWeight = weight[e];
  const s: LayoutState = {
    n,
    dim,
    split: n >> 1,
    edgeSplit: 0,
    head: alloc(Int32Array, edges),
    tail: alloc(Int32Array, edges),
    // Float32 halves the schedule's memory; epoch counts of a few hundred keep a resolution of
    // ~1e-5 epoch, far finer than the one-epoch steps they are compared with.
    epochsPerSample: alloc(Float32Array, edges),
    epochsPerNegative: alloc(Float32Array, edges),
    nextSample: alloc(Float32Array, edges),
    nextNegative: alloc(Float32Array, edges),
    positions: alloc(Float32Array, n * dim),
    snapshot: alloc(Float32Array, n * dim),
    delta: [alloc(Float32Array, n * dim), alloc(Float32Array, n * dim)],
    poolIds: alloc(Int32Array, Math.min(n, p.negativePool ?? 0)),
    pool: alloc(Float32Array, Math.min(n, p.negativePool ?? 0) * dim),
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

/** Runs partition `part`'s share of epoch `epochIndex` (0-based). */
export function runPartition(s: LayoutState, part: 0 | 1, epochIndex: number, random: Random): void {
  const { n, dim, head, tail, epochsPerSample, epochsPerNegative, nextSample, nextNegative, positions: live, snapshot, a, b, pool, poolIds } = s;
  const poolSize = poolIds.length;
  const lo = part === 0 ? 0 : s.split;
  const hi = part === 0 ? s.split : n;
  const firstEdge = part === 0 ? 0 : s.edgeSplit;
  const lastEdge = part === 0 ? s.edgeSplit : head.length;
  const out = s.delta[part];
  const alpha = s.learningRate * (1 - epochIndex / s.nEpochs);
  const twoAB = 2 * a * b;
  const twoGammaB = 2 * s.gamma * b;
  for (let e = firstEdge; e < lastEdge; e++) {
    if (nextSample[e] > epochIndex) continue;
    const cj = head[e] * dim;
    const k = tail[e];
    const ck = k * dim;
    const tailOwn = k >= lo && k < hi;
    const tailSrc = tailOwn ? live : snapshot;
    let d2 = 0;
    for (let t = 0; t < dim; t++) {
      const diff = live[cj + t] - tailSrc[ck + t];
      d2 += diff * diff;
    }
    if (d2 > 0) {
      // -2ab·d^(2(b-1)) / (1 + a·d^(2b)) with a single power.
      const pb = fastPow(d2, b);
      const coeff = (-twoAB * pb) / d2 / (a * pb + 1);
      for (let t = 0; t < dim; t++) {
        const g = clip(coeff * (live[cj + t] - tailSrc[ck + t])) * alpha;
        live[cj + t] += g;
        if (tailOwn) live[ck + t] -= g;
        else out[ck + t] -= g;
      }
    }
    nextSample[e] += epochsPerSample[e];

    const negatives = Math.floor((epochIndex - nextNegative[e]) / epochsPerNegative[e]);
    for (let q = 0; q < negatives; q++) {
      let src: Float32Array;
      let co: number;
      if (poolSize > 0) {
        const slot = Math.floor(random() * poolSize);
        if (poolIds[slot] * dim === cj) continue;
        src = pool;
        co = slot * dim;
      } else {
        const other = Math.floor(random() * n);
        if (other * dim === cj) continue;
        co = other * dim;
        src = other >= lo && other < hi ? live : snapshot;
      }
      let nd2 = 0;
      for (let t = 0; t < dim; t++) {
        const diff = live[cj + t] - src[co + t];
        nd2 += diff * diff;
      }
      if (nd2 <= 0) continue; // coincident points: no defined direction to push.
      const coeff = twoGammaB / ((0.001 + nd2) * (a * fastPow(nd2, b) + 1));
      for (let t = 0; t < dim; t++) live[cj + t] += clip(coeff * (live[cj + t] - src[co + t])) * alpha;
    }
    if (negatives > 0) nextNegative[e] += negatives * epochsPerNegative[e];
  }
}

/**
 * Before an epoch: draws the rows its negative samples come from, uniformly (with repeats),
 * and copies their positions. Each negative sample is still a uniform random row; what changes
 * is where it is read from: a few hundred KB that stay in the core's cache instead of random
 * rows of the whole table, whose cache misses were most of an epoch's time at 1M rows.
 */
export function fillNegativePool(s: LayoutState, random: Random): void {
  const { poolIds, pool, positions, dim, n } = s;
  for (let i = 0; i < poolIds.length; i++) {
    const row = Math.floor(random() * n);
    poolIds[i] = row;
    for (let t = 0; t < dim; t++) pool[i * dim + t] = positions[row * dim + t];
  }
}

/** Between epochs: apply each partition's queued moves of the other's rows, refresh the snapshot. */
export function mergePartitions(s: LayoutState): void {
  const { positions, snapshot, delta, split, n, dim } = s;
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

function clip(v: number): number {
  return v > 4 ? 4 : v < -4 ? -4 : v;
}
