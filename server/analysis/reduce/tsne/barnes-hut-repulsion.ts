import type { LockstepHelper } from '../lockstep-helper.ts';
import { STACK_SIZE, buildOctree, createOctree, repulsionRange } from './octree.ts';
import type { RepulsionShare } from './repulsion-kernel.ts';

/**
 * Barnes–Hut repulsion for t-SNE's optimiser: rebuilds the octree of `pos` and returns a step
 * that fills `forces` with Σ_j q_ij² (y_i − y_j) and returns Z = Σ_{i≠j} q_ij. With a helper,
 * `pos` and `forces` must be on shared memory (the helper walks half the points).
 */
export function barnesHutRepulsion(pos: Float64Array, forces: Float64Array, n: number, theta: number, helper: LockstepHelper | null): (it: number) => number {
  const shared = helper !== null;
  const helperZ = shared ? new Float64Array(new SharedArrayBuffer(8)) : new Float64Array(1);
  let tree = createOctree(n, shared);
  const sharedNodes = tree.nodes;
  const theta2 = theta * theta;
  const share: RepulsionShare = { tree, pos, forces, z: helperZ, n, theta2 };
  const parallel = helper ? helper.attach(share) : false;
  const stack = new Int32Array(STACK_SIZE);
  const scratch = new Float64Array(3);
  return (it) => {
    tree = buildOctree(pos, n, tree);
    // The sum of q is taken as (first half) + (second half) on one thread or two alike, so the
    // result never depends on the thread count.
    const half = n >> 1;
    if (parallel && tree.nodes === sharedNodes) {
      helper!.begin(it);
      const z = repulsionRange(tree, pos, 0, half, theta2, forces, stack, scratch);
      helper!.end();
      return z + helperZ[0];
    }
    const z = repulsionRange(tree, pos, 0, half, theta2, forces, stack, scratch);
    return z + repulsionRange(tree, pos, half, n, theta2, forces, stack, scratch);
  };
}
