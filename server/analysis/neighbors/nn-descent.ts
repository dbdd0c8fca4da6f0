import { selectRows, type Matrix } from '../matrix.ts';
import { throwIfAborted, type ProgressFn } from '../progress.ts';
import type { Random } from '../../../shared/random.ts';
import { createNeighborHeaps, heapPush, type NeighborHeaps } from './neighbor-heap.ts';
import { rpTreeLeaves } from './rp-tree.ts';
import { createTreeLeaves, growTree, pushLeafPairs } from './rp-forest.ts';
import { applyJoinDistances, fillJoinDistances, maxPairsPerRow, type JoinInput } from './local-join.ts';
import { HELPER_TASK, type JoinShare } from './join-kernel.ts';
import type { LockstepHelper } from '../reduce/lockstep-helper.ts';

export interface NnDescentOptions {
  random: Random;
  signal?: AbortSignal;
  onProgress?: ProgressFn;
  /** Random-projection trees for the initial guess; default grows slowly with n. */
  nTrees?: number;
  /** Upper bound on refinement rounds; it usually converges earlier. */
  nIters?: number;
  /** Neighbours sampled per row and round for the local join. */
  maxCandidates?: number;
  /** Stop once a round improves fewer than delta·n·k entries. */
  delta?: number;
  /** A helper thread started on join-kernel.ts: it grows every second tree and computes half of the local joins' distances (same result). */
  helper?: LockstepHelper | null;
}

/**
 * Approximate k nearest neighbours by NN-descent (Dong, Charikar & Li 2011) as PyNNDescent does
 * it: an initial graph from the leaves of a random-projection forest, then rounds of "a
 * neighbour of my neighbour is likely my neighbour" local joins over sampled new/old
 * candidates, until few entries change. Everything lives in flat typed arrays; distances are
 * squared euclidean. Returns unsorted heaps.
 */
export function nnDescentHeaps(x: Matrix, k: number, opts: NnDescentOptions): NeighborHeaps {
  // Rows are first reordered along one random-projection tree, so that rows near in space are
  // near in memory: the local joins then mostly hit cache. Results are mapped back at the end.
  const { order } = rpTreeLeaves(x, Math.max(10, k), opts.random);
  const local = nnDescentInPlace(selectRows(x, order), k, opts);
  return unpermute(local, order);
}

function unpermute(h: NeighborHeaps, order: Int32Array): NeighborHeaps {
  const { n, k } = h;
  const out = createNeighborHeaps(n, k);
  for (let r = 0; r < n; r++) {
    const row = order[r];
    for (let t = 0; t < k; t++) {
      out.indices[row * k + t] = order[h.indices[r * k + t]];
      out.distances[row * k + t] = h.distances[r * k + t];
    }
  }
  return out;
}

function nnDescentInPlace(x: Matrix, k: number, opts: NnDescentOptions): NeighborHeaps {
  const { rows: n, cols: d } = x;
  // With a helper thread, everything it reads lives on shared memory.
  const shared = Boolean(opts.helper);
  const data = shared ? sharedCopy(x.data) : x.data;
  const { random, signal, onProgress } = opts;
  const nTrees = opts.nTrees ?? defaultTrees(n);
  const nIters = opts.nIters ?? Math.max(5, Math.round(Math.log2(n)));
  const maxCandidates = opts.maxCandidates ?? defaultMaxCandidates(k);
  const delta = opts.delta ?? 0.001;
  const heaps = createNeighborHeaps(n, k, shared);

  const m = maxCandidates;
  const newCand = createNeighborHeaps(n, m, shared);
  const oldCand = createNeighborHeaps(n, m, shared);
  const join: JoinInput = { data, d, roots: heaps.distances, k, newCand: newCand.indices, oldCand: oldCand.indices, m };
  // Rows are joined in blocks: the distances of a block's first half are computed here, of its
  // second half by the helper thread when there is one, then all are offered in row order.
  const blockRows = Math.max(64, Math.floor(2 ** 21 / maxPairsPerRow(m)) * 2);
  const halfBuffer = (blockRows / 2) * maxPairsPerRow(m);
  const mine = new Float32Array(halfBuffer);
  const theirs = new Float32Array(shared ? new SharedArrayBuffer(4 * halfBuffer) : new ArrayBuffer(4 * halfBuffer));
  const range = new Int32Array(shared ? new SharedArrayBuffer(8) : new ArrayBuffer(8));
  // Trees are grown in pairs, the second of each by the helper when there is one; each has its
  // own seed, so which thread grows it does not matter.
  const leafSize = Math.max(10, k);
  const tree = { x: { rows: n, cols: d, data }, leafSize, seed: new Int32Array(shared ? new SharedArrayBuffer(4) : new ArrayBuffer(4)), out: createTreeLeaves(n, leafSize, shared) };
  const task = new Int32Array(shared ? new SharedArrayBuffer(4) : new ArrayBuffer(4));
  const share: JoinShare = { task, tree, join: { input: join, range, out: theirs } };
  const parallel = opts.helper ? opts.helper.attach(share) : false;
  let step = 0;
  const treeSeeds = Int32Array.from({ length: nTrees }, () => Math.floor(random() * 2 ** 31));
  const ownTree = createTreeLeaves(n, leafSize, false);
  task[0] = HELPER_TASK.tree;
  for (let t = 0; t < nTrees; t += 2) {
    throwIfAborted(signal);
    onProgress?.((0.25 * t) / nTrees);
    const second = t + 1 < nTrees;
    tree.seed[0] = second ? treeSeeds[t + 1] : 0;
    if (parallel && second) opts.helper!.begin(step++);
    growTree(tree.x, leafSize, treeSeeds[t], ownTree);
    pushLeafPairs(heaps, ownTree);
    if (!second) continue;
    if (parallel) opts.helper!.end();
    else growTree(tree.x, leafSize, treeSeeds[t + 1], tree.out);
    pushLeafPairs(heaps, tree.out);
  }
  // Rows whose leaves were too small to fill their heap get random neighbours.
  for (let i = 0; i < n; i++) {
    while (heaps.distances[i * k] === Infinity) {
      const j = Math.floor(random() * n);
      if (j !== i) heapPush(heaps, i, j, squaredDistance(data, i, j, d), 1);
    }
  }
  task[0] = HELPER_TASK.join;
  for (let iter = 0; iter < nIters; iter++) {
    throwIfAborted(signal);
    onProgress?.(0.25 + (0.75 * iter) / nIters);
    sampleCandidates(heaps, newCand, oldCand, random);
    let updates = 0;
    for (let from = 0; from < n; from += blockRows) {
      throwIfAborted(signal);
      const to = Math.min(n, from + blockRows);
      const mid = (from + to) >> 1;
      range[0] = mid;
      range[1] = to;
      if (parallel) opts.helper!.begin(step++);
      fillJoinDistances(join, from, mid, mine);
      if (parallel) opts.helper!.end();
      else fillJoinDistances(join, mid, to, theirs);
      updates += applyJoinDistances(join, heaps, from, mid, mine);
      updates += applyJoinDistances(join, heaps, mid, to, theirs);
    }
    if (updates <= delta * n * k) break;
  }
  onProgress?.(1);
  return heaps;
}

/**
 * Fewer trees than umap-learn's 5 + √n / 20: the local joins make up for a rougher start. At
 * 100k rows × 35 features, 8 trees instead of 21 cost recall 0.989 → 0.988 and save ~10% time.
 */
function defaultTrees(n: number): number {
  return Math.min(32, 3 + Math.round(Math.sqrt(n) / 60));
}

/** Candidates per local join: at least 20 (recall on small k), at most 60 (PyNNDescent's cap). */
export function defaultMaxCandidates(k: number): number {
  return Math.min(60, Math.max(k, 20));
}

/**
 * Every row's new and old candidates: its own neighbours plus rows that list it (reverse
 * edges), at most maxCandidates of each, chosen uniformly by random priority. Sampled new
 * neighbours become old, so each pair is joined as "new" once.
 */
function sampleCandidates(heaps: NeighborHeaps, newCand: NeighborHeaps, oldCand: NeighborHeaps, random: Random): void {
  const { n, k, indices, isNew } = heaps;
  newCand.indices.fill(-1);
  newCand.distances.fill(Infinity);
  oldCand.indices.fill(-1);
  oldCand.distances.fill(Infinity);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < k; t++) {
      const j = indices[i * k + t];
      if (j < 0) continue;
      const priority = random();
      const target = isNew[i * k + t] === 1 ? newCand : oldCand;
      heapPush(target, i, j, priority, 0);
      heapPush(target, j, i, priority, 0);
    }
  }
  const m = newCand.k;
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < k; t++) {
      if (isNew[i * k + t] === 0) continue;
      const j = indices[i * k + t];
      for (let c = 0; c < m; c++) {
        if (newCand.indices[i * m + c] === j) {
          isNew[i * k + t] = 0;
          break;
        }
      }
    }
  }
}

function sharedCopy(a: Float32Array): Float32Array {
  const copy = new Float32Array(new SharedArrayBuffer(a.byteLength));
  copy.set(a);
  return copy;
}

function squaredDistance(data: Float32Array, p: number, q: number, d: number): number {
  let s = 0;
  const bp = p * d;
  const bq = q * d;
  for (let t = 0; t < d; t++) {
    const diff = data[bp + t] - data[bq + t];
    s += diff * diff;
  }
  return s;
}
