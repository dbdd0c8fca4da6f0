import type { Matrix } from '../matrix.ts';
import type { KdTree } from '../../../shared/spatial/kdtree.ts';
import type { ProgressFn } from '../progress.ts';
import type { SpanningTree } from './mst.ts';
import { primMst } from './mst-prim.ts';
import { boruvkaMst } from './mst-boruvka.ts';

export type MstMethod = 'prim' | 'boruvka';

/**
 * When dense O(n²) Prim beats kd-tree Borůvka (measured: n = 10k, d = 10: Borůvka 2× faster;
 * d = 30: Prim 1.2× faster, the tree no longer prunes in that many dimensions).
 */
export function chooseMst(n: number, d: number): MstMethod {
  return n <= 4096 || (d > 20 && n <= 20_000) ? 'prim' : 'boruvka';
}

/** The minimum spanning tree of the mutual-reachability graph of x under the given core distances. */
export function mutualReachabilityMst(
  x: Matrix,
  tree: KdTree,
  core: Float64Array,
  method: MstMethod,
  signal?: AbortSignal,
  onProgress?: ProgressFn,
): SpanningTree {
  return method === 'prim' ? primMst(x, core, signal, onProgress) : boruvkaMst(tree, core, signal, onProgress);
}
