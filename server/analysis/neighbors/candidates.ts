import type { NeighborHeaps } from './neighbor-heap.ts';
import type { NeighborKernels } from './kernels.ts';
import { ownsRow, type RowOwner } from './row-owner.ts';

/**
 * NN-descent's candidates for one round's local join: every row's new and old candidates are its
 * own neighbours plus the rows that list it (reverse edges), at most maxCandidates of each,
 * chosen uniformly by random priority. An entry's priority is a hash of the round's seed and its
 * slot, not a draw from one stream, so two threads filling the rows they own (row-owner.ts)
 * give the candidates one thread would. In WebAssembly (heap-offers.as.ts); every heap lives in
 * `kernel`'s arena.
 */
export function pushCandidates(heaps: NeighborHeaps, newCand: NeighborHeaps, oldCand: NeighborHeaps, kernel: NeighborKernels, roundSeed: number, owner: RowOwner): void {
  kernel.pushCandidates(
    heaps.n,
    heaps.k,
    heaps.indices.byteOffset,
    heaps.isNew.byteOffset,
    newCand.k,
    newCand.indices.byteOffset,
    newCand.distances.byteOffset,
    newCand.isNew.byteOffset,
    oldCand.indices.byteOffset,
    oldCand.distances.byteOffset,
    oldCand.isNew.byteOffset,
    roundSeed,
    owner,
  );
}

/** Sampled new neighbours become old, so that each pair is joined as "new" once. */
export function markSampledNew(heaps: NeighborHeaps, newCand: NeighborHeaps, owner: RowOwner): void {
  const { n, k, indices, isNew } = heaps;
  const m = newCand.k;
  for (let i = 0; i < n; i++) {
    if (!ownsRow(owner, i)) continue;
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
