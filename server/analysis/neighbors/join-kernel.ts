import type { Matrix } from '../matrix.ts';
import { fillJoinDistances, type JoinInput } from './local-join.ts';
import { growTree, type TreeLeaves } from './rp-forest.ts';

/** What the helper does on the next step: grow a tree, or compute local-join distances. */
export const HELPER_TASK = { tree: 1, join: 2 } as const;

export interface JoinShare {
  /** [0]: a HELPER_TASK, set by the main thread before each step. */
  task: Int32Array;
  /** The tree to grow: from seed[0], into out. */
  tree: { x: Matrix; leafSize: number; seed: Int32Array; out: TreeLeaves };
  join: {
    input: JoinInput;
    /** [from, to): the helper's rows of the current block. */
    range: Int32Array;
    out: Float32Array;
  };
}

/** Helper-thread side of NN-descent: every second tree of the forest, then the distances of the second half of each join block's rows. */
export function createKernel(share: JoinShare): () => void {
  return () => {
    if (share.task[0] === HELPER_TASK.tree) growTree(share.tree.x, share.tree.leafSize, share.tree.seed[0], share.tree.out);
    else fillJoinDistances(share.join.input, share.join.range[0], share.join.range[1], share.join.out);
  };
}
