import { heapPush, type NeighborHeaps } from './neighbor-heap.ts';
import { ownsRow, type RowOwner } from './row-owner.ts';
import type { DistanceKernels } from './distances.ts';

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
export function fillJoinDistances(j: JoinInput, kernel: DistanceKernels, from: number, to: number, out: Float32Array): void {
  kernel.joinDistances(j.data.byteOffset, j.d, j.roots.byteOffset, j.k, j.newCand.byteOffset, j.oldCand.byteOffset, j.m, from, to, out.byteOffset);
}

/**
 * Offers the distances `fillJoinDistances` computed for rows [from, to) to the heaps of the rows
 * `owner` owns; returns how many of their entries changed. A pair is offered to each end that
 * it beats: a row's heap decides alone, from its own root, so owners never read each other's.
 */
export function applyJoinDistances(j: JoinInput, heaps: NeighborHeaps, from: number, to: number, dist: Float32Array, owner: RowOwner): number {
  const { roots, k, newCand, oldCand, m } = j;
  let slot = 0;
  let updates = 0;
  for (let i = from; i < to; i++) {
    const base = i * m;
    for (let a = 0; a < m; a++) {
      const p = newCand[base + a];
      if (p < 0) continue;
      for (let b = a + 1; b < m; b++) {
        const q = newCand[base + b];
        if (q < 0) continue;
        const s = dist[slot++];
        if (ownsRow(owner, p) && s < roots[p * k]) updates += heapPush(heaps, p, q, s, 1);
        if (ownsRow(owner, q) && s < roots[q * k]) updates += heapPush(heaps, q, p, s, 1);
      }
      for (let b = 0; b < m; b++) {
        const q = oldCand[base + b];
        if (q < 0 || q === p) continue;
        const s = dist[slot++];
        if (ownsRow(owner, p) && s < roots[p * k]) updates += heapPush(heaps, p, q, s, 1);
        if (ownsRow(owner, q) && s < roots[q * k]) updates += heapPush(heaps, q, p, s, 1);
      }
    }
  }
  return updates;
}
