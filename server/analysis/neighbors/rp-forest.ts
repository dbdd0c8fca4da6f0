import type { Matrix } from '../matrix.ts';
import { createRandom } from '../../../shared/random.ts';
import { heapPush, type NeighborHeaps } from './neighbor-heap.ts';
import { rpTreeLeaves } from './rp-tree.ts';
import { ownsRow, type RowOwner } from './row-owner.ts';
import type { DistanceKernels } from './distances.ts';
import type { WasmArena } from '../wasm/arena.ts';

/**
 * NN-descent's starting graph, one random-projection tree at a time, in two phases so that two
 * threads can each grow a tree: `growTree` builds a tree from its own seed and computes the
 * distances of every pair of rows that share a leaf into a `TreeLeaves` buffer (it only reads
 * the data); `pushLeafPairs` then offers them to the heaps (each thread to the rows it owns,
 * row-owner.ts). Trees are pushed in their order, so the heaps are the same whichever thread
 * grew each tree.
 */
export interface TreeLeaves {
  /** Rows in leaf order (n). */
  order: Int32Array;
  /** bounds[0] = number of leaves L; leaf t is order[bounds[t + 1] .. bounds[t + 2]). Length n + 2. */
  bounds: Int32Array;
  /** Squared distances of the leaves' pairs (a < b within each leaf, leaf by leaf). */
  distances: Float32Array;
}

/** Buffers on `arena` for one tree of n rows with leaves of at most leafSize rows. */
export function createTreeLeaves(n: number, leafSize: number, arena: WasmArena): TreeLeaves {
  // A leaf of s ≤ leafSize rows has s(s − 1)/2 ≤ s(leafSize − 1)/2 pairs.
  const maxPairs = Math.ceil((n * (leafSize - 1)) / 2) + 1;
  return { order: arena.i32(n), bounds: arena.i32(n + 2), distances: arena.f32(maxPairs) };
}

/** `x.data` and `out` live in `kernel`'s arena; the leaves' distances are computed there (distances.as.ts leafDistances). */
export function growTree(x: Matrix, leafSize: number, seed: number, out: TreeLeaves, kernel: DistanceKernels): void {
  const { order, bounds } = rpTreeLeaves(x, leafSize, createRandom(seed));
  const leaves = bounds.length - 1;
  out.order.set(order);
  out.bounds[0] = leaves;
  out.bounds.set(bounds, 1);
  kernel.leafDistances(x.data.byteOffset, x.cols, out.order.byteOffset, out.bounds.byteOffset + 4, leaves, out.distances.byteOffset);
}

export function pushLeafPairs(heaps: NeighborHeaps, leaves: TreeLeaves, owner: RowOwner): void {
  const { order, bounds, distances } = leaves;
  const count = bounds[0];
  let slot = 0;
  for (let leaf = 0; leaf < count; leaf++) {
    const end = bounds[leaf + 2];
    for (let a = bounds[leaf + 1]; a < end; a++) {
      const p = order[a];
      for (let b = a + 1; b < end; b++) {
        const q = order[b];
        const dist = distances[slot++];
        if (ownsRow(owner, p)) heapPush(heaps, p, q, dist, 1);
        if (ownsRow(owner, q)) heapPush(heaps, q, p, dist, 1);
      }
    }
  }
}
