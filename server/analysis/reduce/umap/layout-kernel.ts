import { instantiateLayoutSgd } from './layout-sgd.ts';
import { runPartition, type LayoutState } from './layout-state.ts';

/** Helper-thread side of UMAP's layout: partition 1 of every epoch, on the shared memory. */
export function createKernel(data: { state: LayoutState; seed: number }): (epoch: number) => void {
  const kernel = instantiateLayoutSgd(data.state.memory);
  let seed = data.seed;
  return (epoch) => {
    seed = runPartition(data.state, kernel, 1, epoch, seed);
  };
}
