import type { NeighborHeaps } from './neighbor-heap.ts';
import type { RowOwner } from './row-owner.ts';
import type { NeighborKernels } from './kernels.ts';

/**
 * NN-descent's local join in two phases, so that the costly one can be shared by two threads:
 * `fillJoinDistances` computes the distances of every candidate pair of a range of rows into a
 * buffer (read-only on the heaps), `applyJoinDistances` then offers them to the heaps in the
 * same order (each thread to the rows it owns, row-owner.ts). A pair's distance is abandoned once it passes both ends' current k-th distances
 * (the heap roots) — roots only shrink, so a pair abandoned against the roots seen in phase 1
 * is also useless in phase 2, and the heaps end up exactly as with one interleaved pass.
 */
export interface JoinInput {
  /** n × d, on the arena like the heaps and candidate lists. */
  data: Float32Array;
  d: number;
  /** Heap distances (n × k): each row's root at [row·k] is its current k-th distance. */
  roots: Float32Array;
  k: number;
  /** Candidate lists (n × m, -1 = empty) of this round. */
  newCand: Int32Array;
  oldCand: Int32Array;
  m: number;
}

/** Most pairs one row can produce: new×new (unordered) plus new×old. */
export function maxPairsPerRow(m: number): number {
  return (m * (m - 1)) / 2 + m * m;
}

/** The distances of rows [from, to)'s candidate pairs into `out`, in WebAssembly (distances.as.ts joinDistances); every array lives in `kernel`'s arena. */
export function fillJoinDistances(j: JoinInput, kernel: NeighborKernels, from: number, to: number, out: Float32Array): void {
  kernel.joinDistances(j.data.byteOffset, j.d, j.roots.byteOffset, j.k, j.newCand.byteOffset, j.oldCand.byteOffset, j.m, from, to, out.byteOffset);
}

/**
 * Offers the distances `fillJoinDistances` computed for rows [from, to) to the heaps of the rows
 * `owner` owns; returns how many of their entries changed. A pair is offered to each end that
 * it beats: a row's heap decides alone, from its own root, so owners never read each other's.
 * In WebAssembly (heap-offers.as.ts); the heaps and `dist` live in `kernel`'s arena.
 */
export function applyJoinDistances(j: JoinInput, heaps: NeighborHeaps, kernel: NeighborKernels, from: number, to: number, dist: Float32Array, owner: RowOwner): number {
  const { indices, distances, isNew } = heaps;
  return kernel.applyJoinDistances(indices.byteOffset, distances.byteOffset, isNew.byteOffset, j.k, j.newCand.byteOffset, j.oldCand.byteOffset, j.m, from, to, dist.byteOffset, owner);
}
