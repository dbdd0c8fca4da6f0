import type { Matrix } from '../matrix.ts';
import { markSampledNew, pushCandidates } from './candidates.ts';
import { instantiateNeighborKernels } from './kernels.ts';
import { applyJoinDistances, fillJoinDistances, type JoinInput } from './local-join.ts';
import type { NeighborHeaps } from './neighbor-heap.ts';
import { growTree, pushLeafPairs, type TreeLeaves } from './rp-forest.ts';

/** What the helper does on the next step. */
export const HELPER_TASK = { tree: 1, treePairs: 2, candidates: 3, markSampled: 4, joinDistances: 5, joinApply: 6 } as const;

/** Everything NN-descent's helper reads or writes, on the arena's shared memory. */
export interface JoinShare {
  memory: WebAssembly.Memory;
  /** [0]: a HELPER_TASK, set by the main thread before each step. */
  task: Int32Array;
  heaps: NeighborHeaps;
  /** The forest, two trees at a time: the helper grows `second` from seed[0]; count[0] is 1 or 2. */
  tree: { x: Matrix; leafSize: number; seed: Int32Array; count: Int32Array; first: TreeLeaves; second: TreeLeaves };
  join: {
    input: JoinInput;
    /** [from, to): the current block; the helper computes the distances of its second half. */
    range: Int32Array;
    mine: Float32Array;
    theirs: Float32Array;
    /** [0]: heap entries the helper changed this round. */
    updates: Int32Array;
  };
  candidates: { newCand: NeighborHeaps; oldCand: NeighborHeaps; round: Int32Array };
}

/** Helper-thread side of NN-descent (nn-descent.ts): its half of each step; it owns rows of owner 1. */
export function createKernel(share: JoinShare): () => void {
  const { heaps, tree, join, candidates } = share;
  const kernel = instantiateNeighborKernels(share.memory);
  return () => {
    const from = join.range[0];
    const to = join.range[1];
    const mid = (from + to) >> 1;
    switch (share.task[0]) {
      case HELPER_TASK.tree:
        return growTree(tree.x, tree.leafSize, tree.seed[0], tree.second, kernel);
      case HELPER_TASK.treePairs:
        pushLeafPairs(heaps, tree.first, kernel, 1);
        if (tree.count[0] === 2) pushLeafPairs(heaps, tree.second, kernel, 1);
        return;
      case HELPER_TASK.candidates:
        return pushCandidates(heaps, candidates.newCand, candidates.oldCand, kernel, candidates.round[0], 1);
      case HELPER_TASK.markSampled:
        return markSampledNew(heaps, candidates.newCand, 1);
      case HELPER_TASK.joinDistances:
        return fillJoinDistances(join.input, kernel, mid, to, join.theirs);
      case HELPER_TASK.joinApply:
        join.updates[0] += applyJoinDistances(join.input, heaps, kernel, from, mid, join.mine, 1) + applyJoinDistances(join.input, heaps, kernel, mid, to, join.theirs, 1);
        return;
    }
  };
}
