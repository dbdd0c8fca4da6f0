import type { FuzzyGraph } from './umap/fuzzy-graph.ts';

/**
 * A breadth-first order of a graph's rows (the idea of Cuthill–McKee): rows joined by an edge
 * get nearby positions, so an optimiser visiting each row's edges touches nearby memory (UMAP's
 * positive samples, t-SNE's attraction over P). Returns `order` (position → row) and `rank`
 * (row → position). The graph in CSR form: row i's edges lead to cols[rowStart[i] … rowStart[i+1]).
 */
export function breadthFirstOrderCsr(n: number, rowStart: Int32Array, cols: Int32Array): { order: Int32Array; rank: Int32Array } {
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
      for (let e = rowStart[row]; e < rowStart[row + 1]; e++) {
        const next = cols[e];
        if (rank[next] >= 0) continue;
        rank[next] = filled;
        order[filled++] = next;
      }
    }
  }
  return { order, rank };
}

/** breadthFirstOrderCsr of a graph whose edges are sorted by head. */
export function breadthFirstOrder(graph: FuzzyGraph): { order: Int32Array; rank: Int32Array } {
  return breadthFirstOrderCsr(graph.n, headStarts(graph), graph.tail);
}

function headStarts({ n, head }: FuzzyGraph): Int32Array {
  const start = new Int32Array(n + 1);
  for (let e = 0; e < head.length; e++) start[head[e] + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  return start;
}

/** The same graph with rows renamed by `rank`, edges re-sorted by their new head. */
export function relabel(graph: FuzzyGraph, order: Int32Array, rank: Int32Array): FuzzyGraph {
  const { n, head, tail, weight } = graph;
  const start = headStarts(graph);
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

/** Rows of `values` (dim per row) in `order`: row r of the result is row order[r] of `values`. */
export function permuteRows<T extends Float32Array | Float64Array>(values: T, dim: number, order: Int32Array, out: T): T {
  for (let r = 0; r < order.length; r++) for (let t = 0; t < dim; t++) out[r * dim + t] = values[order[r] * dim + t];
  return out;
}

/** The inverse of permuteRows: row order[r] of `out` is row r of `values`. */
export function unpermuteRows(values: ArrayLike<number>, dim: number, order: Int32Array, out: Float32Array | Float64Array): void {
  for (let r = 0; r < order.length; r++) for (let t = 0; t < dim; t++) out[order[r] * dim + t] = values[r * dim + t];
}
