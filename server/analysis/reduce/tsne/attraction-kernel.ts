import type { SparseAffinities } from './affinities.ts';
import { attraction } from './attraction.ts';

export interface AttractionShare {
  P: SparseAffinities;
  pos: Float64Array;
  out: Float64Array;
}

/**
 * Helper-thread side of the FFT t-SNE's gradient: the attractive forces of all points, while
 * the main thread sums the repulsion on the grid.
 */
export function createKernel(share: AttractionShare): () => void {
  return () => attraction(share.P, share.pos, 0, share.P.n, share.out);
}
