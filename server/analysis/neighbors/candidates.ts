import { heapPush, type NeighborHeaps } from './neighbor-heap.ts';
import { ownsRow, type RowOwner } from './row-owner.ts';

/**
 * NN-descent's candidates for one round's local join: every row's new and old candidates are its
 * own neighbours plus the rows that list it (reverse edges), at most maxCandidates of each,
 * chosen uniformly by random priority. An entry's priority is a hash of the round's seed and its
 * slot, not a draw from one stream, so two threads filling the rows they own (row-owner.ts)
 * give the candidates one thread would.
 */
export function pushCandidates(heaps: NeighborHeaps, newCand: NeighborHeaps, oldCand: NeighborHeaps, roundSeed: number, owner: RowOwner): void {
  const { n, k, indices, isNew } = heaps;
  const m = newCand.k;
  for (let i = 0; i < n; i++) {
    if (!ownsRow(owner, i)) continue;
    newCand.indices.fill(-1, i * m, (i + 1) * m);
    newCand.distances.fill(Infinity, i * m, (i + 1) * m);
    oldCand.indices.fill(-1, i * m, (i + 1) * m);
    oldCand.distances.fill(Infinity, i * m, (i + 1) * m);
  }
  for (let i = 0; i < n; i++) {
    const ownsI = ownsRow(owner, i);
    for (let t = 0; t < k; t++) {
      const slot = i * k + t;
      const j = indices[slot];
      if (j < 0) continue;
      const ownsJ = ownsRow(owner, j);
      if (!ownsI && !ownsJ) continue;
      const priority = slotPriority(roundSeed, slot);
      const target = isNew[slot] === 1 ? newCand : oldCand;
      if (ownsI) heapPush(target, i, j, priority, 0);
      if (ownsJ) heapPush(target, j, i, priority, 0);
    }
  }
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

/** A uniform number in [0, 1) from the round's seed and a slot (murmur3's finaliser). */
function slotPriority(seed: number, slot: number): number {
  let h = Math.imul(slot ^ seed, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}
