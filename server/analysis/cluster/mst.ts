/**
 * A minimum spanning tree of the mutual-reachability graph, as n − 1 edges (row indices and
 * weight). Two builders share this shape: mst-prim.ts (dense, O(n²), small n or high d) and
 * mst-boruvka.ts (kd-tree, large n in low d).
 *
 * mutual reachability (Campello et al. 2013): mr(a, b) = max(core(a), core(b), ‖a − b‖).
 */
export interface SpanningTree {
  from: Int32Array;
  to: Int32Array;
  weight: Float64Array;
}

export function createSpanningTree(edges: number): SpanningTree {
  return { from: new Int32Array(edges), to: new Int32Array(edges), weight: new Float64Array(edges) };
}
