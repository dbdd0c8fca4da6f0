import type { Matrix } from '../matrix.ts';
import { createRandom } from '../../../shared/random.ts';
import type { NeighborHeaps } from './neighbor-heap.ts';
import { createTreeSpace, rpTreeLeaves, type TreeSpace } from './rp-tree.ts';
import type { RowOwner } from './row-owner.ts';
import type { NeighborKernels } from './kernels.ts';
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
  /** Where the tree is grown; space.order: the rows in leaf order (n). */
  space: TreeSpace;
  /** bounds[0] = number of leaves L; leaf t is order[bounds[t + 1] .. bounds[t + 2]). Length n + 2. */
  bounds: Int32Array;
  /** Squared distances of the leaves' pairs (a < b within each leaf, leaf by leaf). */
  distances: Float32Array;
}

/** Buffers on `arena` for one tree of n rows with leaves of at most leafSize rows. */
export function createTreeLeaves(n: number, d: number, leafSize: number, arena: WasmArena): TreeLeaves {
  // A leaf of s ≤ leafSize rows has s(s − 1)/2 ≤ s(leafSize − 1)/2 pairs.
  const maxPairs = Math.ceil((n * (leafSize - 1)) / 2) + 1;
  return { space: createTreeSpace(n, d, arena), bounds: arena.i32(n + 2), distances: arena.f32(maxPairs) };
}

/** `x.data` and `out` live in `kernel`'s arena; the leaves' distances are computed there (distances.as.ts leafDistances). */
export function growTree(x: Matrix, leafSize: number, seed: number, out: TreeLeaves, kernel: NeighborKernels): void {
  const bounds = rpTreeLeaves(x, leafSize, createRandom(seed), kernel, out.space);
  const leaves = bounds.length - 1;
  out.bounds[0] = leaves;
  out.bounds.set(bounds, 1);
  kernel.leafDistances(x.data.byteOffset, x.cols, out.space.order.byteOffset, out.bounds.byteOffset + 4, leaves, out.distances.byteOffset);
}

/** Offers a tree's leaf pairs to the heaps of the rows `owner` owns, in WebAssembly (heap-offers.as.ts); all on `kernel`'s arena. */
export function pushLeafPairs(heaps: NeighborHeaps, leaves: TreeLeaves, kernel: NeighborKernels, owner: RowOwner): void {
  const { indices, distances, isNew, k } = heaps;
  kernel.pushLeafPairs(indices.byteOffset, distances.byteOffset, isNew.byteOffset, k, leaves.space.order.byteOffset, leaves.bounds.byteOffset + 4, leaves.bounds[0], leaves.distances.byteOffset, owner);
}
