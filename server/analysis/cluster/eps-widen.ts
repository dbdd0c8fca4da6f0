import type { Matrix } from '../matrix.ts';
import type { KdTree } from '../../../shared/spatial/kdtree.ts';
import type { ProgressFn } from '../progress.ts';
import { coreDistances } from './core-distances.ts';
import { chooseMst, mutualReachabilityMst } from './mst-build.ts';
import { UnionFind } from './union-find.ts';

/**
 * How far eps may widen: satellites sit within a few k-distances of their island's rim (the
 * widest measured need was 2.4×). Beyond that, widening joins distinct islands: on the 100k-row
 * mixture layout 95% would need 26× and merged islands of different groups (ARI 0.08).
 */
export const MAX_WIDENING = 4;

/**
 * The smallest eps ≥ `from` at which DBSCAN* (DBSCAN without border rows) puts at least
 * `share` of the rows into clusters of at least `minClusterSize` rows, capped at
 * MAX_WIDENING × `from` (then fewer rows are clustered and the rest stays noise).
 *
 * Why: on UMAP and t-SNE layouts of tables with category columns, each island of the map
 * carries small satellite clumps a little further away than the k-distance eps reaches. At
 * that eps each satellite is a cluster of its own (184 clusters on a 10k-row layout with 20
 * islands), and dropping clusters under the minimum size instead would leave half the points
 * as noise. Widening eps until enough rows sit in full-size clusters lets the satellites join
 * their island (21 clusters, 4% noise on that layout).
 *
 * How, in one pass: DBSCAN* at eps is the set of connected components of the mutual-
 * reachability graph's edges of weight ≤ eps (core distance to the minPts − 1-th other row), so
 * it is a cut of that graph's minimum spanning tree (Campello et al. 2013). Adding the tree's
 * edges in increasing weight with union-find, the rows in components of at least
 * minClusterSize only grow; the first weight at which they reach the share is the answer.
 */
export function widenEps(
  x: Matrix,
  tree: KdTree,
  minPts: number,
  minClusterSize: number,
  from: number,
  share: number,
  signal?: AbortSignal,
  onProgress?: ProgressFn,
): number {
  const n = x.rows;
  const need = Math.ceil(share * n);
  const cap = MAX_WIDENING * from;
  if (minClusterSize <= 1 || n < 2) return from;
  const core = coreDistances(x, tree, Math.min(Math.max(1, minPts - 1), n - 1), onProgress && ((f) => onProgress(0.3 * f)), signal);
  const mst = mutualReachabilityMst(x, tree, core, chooseMst(n, x.cols), signal, onProgress && ((f) => onProgress(0.3 + 0.7 * f)));
  const order = Int32Array.from({ length: n - 1 }, (_, i) => i).sort((a, b) => mst.weight[a] - mst.weight[b]);
  const sets = new UnionFind(n);
  let clustered = 0;
  for (let m = 0; m < order.length; m++) {
    const e = order[m];
    if (mst.weight[e] > cap) return cap;
    const a = sets.find(mst.from[e]);
    const b = sets.find(mst.to[e]);
    const sa = sets.size[a];
    const sb = sets.size[b];
    sets.union(a, b);
    clustered += (sa + sb >= minClusterSize ? sa + sb : 0) - (sa >= minClusterSize ? sa : 0) - (sb >= minClusterSize ? sb : 0);
    if (clustered >= need) return Math.max(from, mst.weight[e]);
  }
  return Math.max(from, Math.min(cap, mst.weight[order[order.length - 1]]));
}
