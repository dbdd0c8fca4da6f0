import type { Matrix } from '../matrix.ts';
import { trustworthiness } from './trustworthiness.ts';

/** What the helper thread measures: every array on shared memory. */
export interface TrustShare {
  high: Matrix;
  low: Matrix;
  k: number;
  sample: number;
  seed: number;
  /** [0] receives the trustworthiness. */
  out: Float64Array;
}

/** Helper-thread side of trust-stage.ts: the whole measurement, in one step. */
export function createKernel(share: TrustShare): () => void {
  return () => {
    share.out[0] = trustworthiness(share.high, share.low, share.k, { sample: share.sample, seed: share.seed });
  };
}
