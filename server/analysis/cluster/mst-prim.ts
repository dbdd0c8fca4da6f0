import type { Matrix } from '../matrix.ts';
import { throwIfAborted, type ProgressFn } from '../progress.ts';
import { createSpanningTree, type SpanningTree } from './mst.ts';

/**
 * Prim's algorithm on the implicit complete mutual-reachability graph, as in the hdbscan
 * library's mst_linkage_core_vector: O(n²·d) time, O(n) memory (distances computed on the
 * fly, never stored). The right choice for a few thousand rows, or for wide data where a
 * kd-tree cannot prune.
 */
export function primMst(x: Matrix, core: Float64Array, signal?: AbortSignal, onProgress?: ProgressFn): SpanningTree {
  const { rows: n, cols: d, data } = x;
  const tree = createSpanningTree(Math.max(0, n - 1));
  const inTree = new Uint8Array(n);
  const best = new Float64Array(n).fill(Infinity);
  const bestFrom = new Int32Array(n);
  let current = 0;
  for (let e = 0; e < n - 1; e++) {
    if ((e & 255) === 0) {
      throwIfAborted(signal);
      onProgress?.(e / n);
    }
    inTree[current] = 1;
    const cc = current * d;
    const coreCurrent = core[current];
    let next = -1;
    let nextWeight = Infinity;
    for (let j = 0; j < n; j++) {
      if (inTree[j]) continue;
      let s = 0;
      const jj = j * d;
      for (let t = 0; t < d; t++) {
        const diff = data[cc + t] - data[jj + t];
        s += diff * diff;
      }
      let w = Math.sqrt(s);
      if (coreCurrent > w) w = coreCurrent;
      if (core[j] > w) w = core[j];
      if (w < best[j]) {
        best[j] = w;
        bestFrom[j] = current;
      }
      if (best[j] < nextWeight) {
        nextWeight = best[j];
        next = j;
      }
    }
    tree.from[e] = bestFrom[next];
    tree.to[e] = next;
    tree.weight[e] = nextWeight;
    current = next;
  }
  return tree;
}
