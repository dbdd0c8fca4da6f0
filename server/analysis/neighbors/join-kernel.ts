import { fillJoinDistances, type JoinInput } from './local-join.ts';

export interface JoinShare {
  input: JoinInput;
  /** [from, to): the helper's rows of the current block. */
  range: Int32Array;
  out: Float32Array;
}

/** Helper-thread side of NN-descent: distances of the second half of each block's rows. */
export function createKernel(share: JoinShare): () => void {
  return () => fillJoinDistances(share.input, share.range[0], share.range[1], share.out);
}
