import type { FuzzyGraph } from './fuzzy-graph.ts';

/**
 * A breadth-first order of the graph's rows (the idea of Cuthill–McKee): rows joined by an edge
 * get nearby positions, so the optimiser's positive samples touch nearby memory. Returns
 * `order` (position → row) and `rank` (row → position). Edges must be sorted by head.
 */
export function breadthFirstOrder(graph: FuzzyGraph): { order: Int32Array; rank: Int32Array } {
  const { n, head, tail } = graph;
  const start = new Int32Array(n + 1);
  for (let e = 0; e < head.length; e++) start[head[e] + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const rank = new Int32Array(n).fill(-1);
  const order = new Int32Array(n);
  let filled = 0;
  for (let seed = 0; seed < n; seed++) {
    if (rank[seed] >= 0) continue;
    rank[seed] = filled;
    order[filled++] = seed;
    // order[] doubles as the BFS queue.
    for (let q = filled - 1; q < filled; q++) {
      const row = order[q];
      for (let e = start[row]; e < start[row + 1]; e++) {
        const next = tail[e];
        if (rank[next] >= 0) continue;
        rank[next] = filled;
        order[filled++] = next;
      }
    }
  }
  return { order, rank };
}

/** The same graph with rows renamed by `rank`, edges re-sorted by their new head. */
export function relabel(graph: FuzzyGraph, order: Int32Array, rank: Int32Array): FuzzyGraph {
  const { n, head, tail, weight } = graph;
  const start = new Int32Array(n + 1);
  for (let e = 0; e < head.length; e++) start[head[e] + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const m = head.length;
  const h = new Int32Array(m);
  const t = new Int32Array(m);
  const w = new Float32Array(m);
  let cursor = 0;
  for (let r = 0; r < n; r++) {
    const row = order[r];
    for (let e = start[row]; e < start[row + 1]; e++) {
      h[cursor] = r;
      t[cursor] = rank[tail[e]];
      w[cursor++] = weight[e];
    }
  }
  return { n, head: h, tail: t, weight: w };
}
