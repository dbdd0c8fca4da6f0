import type { SparseAffinities } from './affinities.ts';
import { attractionWithNearCorrection } from './attraction.ts';

export interface AttractionShare {
  P: SparseAffinities;
  pos: Float64Array;
  out: Float64Array;
  /** The FFT grid's kernel table, its near-pair corrections, and [0]: their Z correction. */
  table: Float64Array;
  near: Float64Array;
  z: Float64Array;
  /** The helper's rows are [from, n). */
  from: number;
}

/**
 * Helper-thread side of the FFT t-SNE's gradient: the attractive forces and near-pair
 * corrections of rows [from, n), while the main thread solves the grid and does the rest.
 */
export function createKernel(share: AttractionShare): () => void {
  return () => {
    share.z[0] = attractionWithNearCorrection(share.P, share.pos, share.from, share.P.n, share.out, share.table, share.near);
  };
}
