import { STACK_SIZE, repulsionRange, type Octree } from './octree.ts';

export interface RepulsionShare {
  tree: Pick<Octree, 'order' | 'nodes'>;
  pos: Float64Array;
  forces: Float64Array;
  /** [0]: the helper's Σ q. */
  z: Float64Array;
  n: number;
  theta2: number;
}

/** Helper-thread side of t-SNE's gradient: repulsion on the second half of the points in tree order. */
export function createKernel(share: RepulsionShare): () => void {
  const stack = new Int32Array(STACK_SIZE);
  const out = new Float64Array(3);
  const tree: Octree = { nodeCount: 0, order: share.tree.order, nodes: share.tree.nodes };
  return () => {
    share.z[0] = repulsionRange(tree, share.pos, share.n >> 1, share.n, share.theta2, share.forces, stack, out);
  };
}
