import type { KdTree } from '../../../shared/spatial/kdtree.ts';
import { throwIfAborted, type ProgressFn } from '../progress.ts';
import { createSpanningTree, type SpanningTree } from './mst.ts';
import { UnionFind } from './union-find.ts';

/**
 * Borůvka's algorithm on the mutual-reachability graph with a kd-tree (after McInnes & Healy
 * 2017, "Accelerated hierarchical density clustering", single-tree form): each round, every
 * component finds its cheapest edge to another component and all those edges are added, so
 * the number of components at least halves; about log2(n) rounds.
 *
 * A row's search for its cheapest outside edge prunes a kd-tree node when
 *  - every row in the node already belongs to the row's own component (tracked per node and
 *    refreshed each round), or
 *  - max(core(row), min core in node, distance to the node's box) cannot beat the best edge
 *    its component has found so far (shared by all the component's rows, which is what makes
 *    later rounds cheap); rows whose own core distance already exceeds it are skipped whole.
 * Equal weights are ordered by the edge's row pair, so the chosen edges always form a valid
 * minimum spanning tree. Works in tree order, so leaf scans read contiguous memory.
 */
export function boruvkaMst(tree: KdTree, coreByRow: Float64Array, signal?: AbortSignal, onProgress?: ProgressFn): SpanningTree {
  const { n, dim, points, index } = tree;
  const { start, end, left, right, count: nodeCount } = tree.nodes;
  const core = new Float64Array(n);
  for (let p = 0; p < n; p++) core[p] = coreByRow[index[p]];
  const minCore = new Float64Array(nodeCount);
  for (let node = nodeCount - 1; node >= 0; node--) {
    if (left[node] < 0) {
      let m = Infinity;
      for (let p = start[node]; p < end[node]; p++) if (core[p] < m) m = core[p];
      minCore[node] = m;
    } else minCore[node] = Math.min(minCore[left[node]], minCore[right[node]]);
  }

  const result = createSpanningTree(Math.max(0, n - 1));
  const sets = new UnionFind(n);
  const comp = new Int32Array(n);
  for (let p = 0; p < n; p++) comp[p] = p;
  const nodeComp = new Int32Array(nodeCount);
  const bestW = new Float64Array(n);
  const bestA = new Int32Array(n);
  const bestB = new Int32Array(n);
  const stack = new Int32Array(4 * 64);
  const stackBound = new Float64Array(4 * 64);
  let edges = 0;

  while (edges < n - 1) {
    throwIfAborted(signal);
    // Components at least halve each round: log2 of how many remain tracks the work left.
    onProgress?.(1 - Math.log2(n - edges) / Math.log2(Math.max(2, n)));
    refreshNodeComponents(tree, comp, nodeComp);
    bestW.fill(Infinity);
    bestA.fill(-1);
    for (let p = 0; p < n; p++) {
      const c = comp[p];
      const coreP = core[p];
      if (coreP > bestW[c]) continue;
      let bound = bestW[c];
      let ba = bestA[c];
      let bb = bestB[c];
      let top = 0;
      stack[top] = 0;
      stackBound[top++] = lowerBound(tree, 0, points, p * dim, coreP, minCore);
      while (top > 0) {
        top--;
        const node = stack[top];
        if (stackBound[top] > bound || nodeComp[node] === c) continue;
        const l = left[node];
        if (l >= 0) {
          const r = right[node];
          const bl = lowerBound(tree, l, points, p * dim, coreP, minCore);
          const br = lowerBound(tree, r, points, p * dim, coreP, minCore);
          if (bl <= br) {
            stack[top] = r; stackBound[top++] = br;
            stack[top] = l; stackBound[top++] = bl;
          } else {
            stack[top] = l; stackBound[top++] = bl;
            stack[top] = r; stackBound[top++] = br;
          }
          continue;
        }
        for (let q = start[node]; q < end[node]; q++) {
          if (comp[q] === c || core[q] > bound) continue;
          let s = 0;
          for (let t = 0; t < dim; t++) {
            const diff = points[p * dim + t] - points[q * dim + t];
            s += diff * diff;
          }
          let w = Math.sqrt(s);
          if (coreP > w) w = coreP;
          if (core[q] > w) w = core[q];
          if (w < bound || (w === bound && pairBefore(p, q, ba, bb))) {
            bound = w;
            ba = p;
            bb = q;
          }
        }
      }
      if (ba >= 0) {
        bestW[c] = bound;
        bestA[c] = ba;
        bestB[c] = bb;
      }
    }
    for (let c = 0; c < n; c++) {
      if (comp[c] !== c || bestA[c] < 0) continue;
      if (sets.union(bestA[c], bestB[c]) < 0) continue;
      result.from[edges] = index[bestA[c]];
      result.to[edges] = index[bestB[c]];
      result.weight[edges++] = bestW[c];
    }
    for (let p = 0; p < n; p++) comp[p] = sets.find(p);
  }
  return result;
}

/** Lowest mutual reachability any row of `node` can have to the row at `offset`. */
function lowerBound(tree: KdTree, node: number, points: Float32Array, offset: number, coreP: number, minCore: Float64Array): number {
  const box = Math.sqrt(tree.boxDistance(node, points, offset));
  return Math.max(box, coreP, minCore[node]);
}

/** A fixed order on edges {a, b} of equal weight (by smaller, then larger endpoint). */
function pairBefore(a: number, b: number, a2: number, b2: number): boolean {
  if (a2 < 0) return true;
  const lo = Math.min(a, b);
  const lo2 = Math.min(a2, b2);
  return lo !== lo2 ? lo < lo2 : Math.max(a, b) < Math.max(a2, b2);
}

/** nodeComp[node] = the component all of node's rows share, or -1 when they differ. */
function refreshNodeComponents(tree: KdTree, comp: Int32Array, nodeComp: Int32Array): void {
  const { start, end, left, right, count } = tree.nodes;
  // Children are numbered after their parent, so a backward sweep sees them first.
  for (let node = count - 1; node >= 0; node--) {
    if (left[node] >= 0) {
      const a = nodeComp[left[node]];
      nodeComp[node] = a >= 0 && a === nodeComp[right[node]] ? a : -1;
      continue;
    }
    let c = start[node] < end[node] ? comp[start[node]] : -1;
    for (let p = start[node] + 1; p < end[node] && c >= 0; p++) if (comp[p] !== c) c = -1;
    nodeComp[node] = c;
  }
}
