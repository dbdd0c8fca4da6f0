import type { SpanningTree } from './mst.ts';
import { UnionFind } from './union-find.ts';

/**
 * The single-linkage hierarchy of a spanning tree, then its condensed form (Campello et al.
 * 2013; the hdbscan library's label() and condense_tree()).
 *
 * Hierarchy: merges in increasing weight; merge i creates node n + i from the current roots
 * of its edge's ends. Condensing walks it from the root: where both sides of a split have at
 * least minClusterSize rows, two new clusters are born; where one side is smaller, its rows
 * "fall out" of the cluster at that λ = 1 / distance and the cluster continues as the other
 * side; where both are smaller, all rows fall out and the cluster ends.
 *
 * Result, clusters numbered 0 (root) … count − 1 in breadth-first order (children after parents):
 * for each row, the cluster it fell out of and at which λ; for each cluster, its parent and
 * birth λ, and its size at birth.
 */
export interface CondensedTree {
  clusterCount: number;
  clusterParent: Int32Array;
  clusterBirth: Float64Array;
  clusterSize: Int32Array;
  pointCluster: Int32Array;
  pointLambda: Float64Array;
}

export function condensedTree(mst: SpanningTree, n: number, minClusterSize: number): CondensedTree {
  const merges = n - 1;
  const order = Int32Array.from({ length: merges }, (_, i) => i).sort((a, b) => mst.weight[a] - mst.weight[b]);
  // Distance 0 (duplicate rows) would give λ = ∞ and infinite stabilities: use half the smallest
  // positive distance instead, which keeps the merge order and every stability finite.
  let smallest = Infinity;
  for (let e = 0; e < merges; e++) if (mst.weight[e] > 0 && mst.weight[e] < smallest) smallest = mst.weight[e];
  const floor = Number.isFinite(smallest) ? smallest / 2 : 1;

  const childLeft = new Int32Array(merges);
  const childRight = new Int32Array(merges);
  const lambda = new Float64Array(merges);
  const size = new Int32Array(2 * n - 1).fill(1);
  const sets = new UnionFind(n);
  const nodeOfRoot = Int32Array.from({ length: n }, (_, i) => i);
  for (let m = 0; m < merges; m++) {
    const e = order[m];
    const ra = sets.find(mst.from[e]);
    const rb = sets.find(mst.to[e]);
    childLeft[m] = nodeOfRoot[ra];
    childRight[m] = nodeOfRoot[rb];
    lambda[m] = 1 / Math.max(mst.weight[e], floor);
    size[n + m] = size[childLeft[m]] + size[childRight[m]];
    nodeOfRoot[sets.union(ra, rb)] = n + m;
  }

  const clusterParent: number[] = [-1];
  const clusterBirth: number[] = [0];
  const clusterSize: number[] = [n];
  const pointCluster = new Int32Array(n);
  const pointLambda = new Float64Array(n);
  if (n === 1) return pack(clusterParent, clusterBirth, clusterSize, pointCluster, pointLambda);

  const stack: number[] = [];
  const fallOut = (node: number, cluster: number, at: number) => {
    stack.push(node);
    while (stack.length > 0) {
      const v = stack.pop() as number;
      if (v < n) {
        pointCluster[v] = cluster;
        pointLambda[v] = at;
      } else stack.push(childLeft[v - n], childRight[v - n]);
    }
  };
  // (hierarchy node, cluster it belongs to) pairs still to split, breadth first.
  const queueNode: number[] = [2 * n - 2];
  const queueCluster: number[] = [0];
  for (let head = 0; head < queueNode.length; head++) {
    const node = queueNode[head];
    const cluster = queueCluster[head];
    const m = node - n;
    const at = lambda[m];
    const l = childLeft[m];
    const r = childRight[m];
    const bigL = size[l] >= minClusterSize;
    const bigR = size[r] >= minClusterSize;
    if (bigL && bigR) {
      for (const child of [l, r]) {
        clusterParent.push(cluster);
        clusterBirth.push(at);
        clusterSize.push(size[child]);
        queueNode.push(child);
        queueCluster.push(clusterParent.length - 1);
      }
      continue;
    }
    for (const [child, big] of [[l, bigL], [r, bigR]] as const) {
      if (big) {
        queueNode.push(child);
        queueCluster.push(cluster);
      } else fallOut(child, cluster, at);
    }
  }
  return pack(clusterParent, clusterBirth, clusterSize, pointCluster, pointLambda);
}

function pack(parent: number[], birth: number[], size: number[], pointCluster: Int32Array, pointLambda: Float64Array): CondensedTree {
  return {
    clusterCount: parent.length,
    clusterParent: Int32Array.from(parent),
    clusterBirth: Float64Array.from(birth),
    clusterSize: Int32Array.from(size),
    pointCluster,
    pointLambda,
  };
}
