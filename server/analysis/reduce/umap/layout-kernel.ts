import { createRandom } from '../../../../shared/random.ts';
import { runPartition, type LayoutState } from './layout-state.ts';

/** Helper-thread side of UMAP's layout: partition 1 of every epoch. */
export function createKernel(data: { state: LayoutState; seed: number }): (epoch: number) => void {
  const random = createRandom(data.seed);
  return (epoch) => runPartition(data.state, 1, epoch, random);
}
