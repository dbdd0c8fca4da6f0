import { selectRows, type Matrix } from '../matrix.ts';
import { pca } from '../reduce/pca.ts';
import { KdTree } from '../../../shared/spatial/kdtree.ts';
import type { KdNodes } from '../../../shared/spatial/kdtree-build.ts';
import type { WasmArena } from '../wasm/arena.ts';
import { instantiateKernel } from '../wasm/instantiate.ts';

/**
 * Counts, for one query row, how many rows lie strictly closer to it than each of a few given
 * rows (their ranks in the query's neighbour order), exactly, without a pass over every row.
 * Rows are indexed by a kd-tree on their first (up to 8) principal coordinates: the components
 * are orthonormal, so the distance between two rows' coordinates never exceeds their distance.
 * Only the rows within the largest given distance in that projection can be closer; the tree
 * skips the rest (other groups, far regions) without touching them, and each row it visits is
 * abandoned as soon as its partial sum passes that largest distance.
 *
 * Distances are summed exactly as a full pass sums them (original columns in order, float64),
 * so the ranks are bit-for-bit those of a full pass, ties broken by row index as an argsort
 * would; the projection only chooses which rows to look at, with a margin for its float32
 * rounding. The walk runs in WebAssembly (rank-counter.as.ts, the same sums and comparisons).
 *
 * The index (`buildRankIndex`) lives in an arena and holds the rows themselves in the tree's
 * order, so that a leaf's rows are read from consecutive memory; threads that measure together
 * share one index and each make a counter of their own on it.
 */
export interface RankCounter {
  /** Squared distance from row i to row j of the original matrix. */
  squaredDistance(i: number, j: number): number;
  /**
   * For each t: counts[t] = rows q ≠ i with d(i, q)² < targets2[t], or equal and q < targetRows[t].
   * `targets2` must be the squared distances from i to `targetRows`.
   */
  count(i: number, targetRows: Int32Array, targets2: Float64Array, counts: Int32Array): void;
}

/** Every array a view of one arena's memory; the kd-tree's nodes as shared/spatial/kdtree-build.ts lays them out. */
export interface RankIndex extends Omit<KdNodes, 'count'> {
  n: number;
  d: number;
  /** Principal coordinates indexed. */
  dims: number;
  /** Slack for the projection's float32 rounding, added to the search radius. */
  margin: number;
  /** n × d: the rows in tree order. */
  rows: Float32Array;
  /** n × dims: their principal coordinates (the tree's points), in tree order. */
  scores: Float32Array;
  /** Tree position → row. */
  index: Int32Array;
  /** Row → tree position. */
  position: Int32Array;
}

/** Principal coordinates indexed: enough to separate groups, few enough for a kd-tree to prune. */
const INDEX_DIMS = 8;
/** Rows sampled (evenly spaced) to find the principal directions: any orthonormal set is correct, good ones prune. */
const DIRECTION_SAMPLE = 20_000;

interface RankKernel {
  countCloser(
    rows: number,
    d: number,
    position: number,
    targetRows: number,
    targets2: number,
    m: number,
    counts: number,
    max2: number,
    r2: number,
    dims: number,
    scores: number,
    index: number,
    start: number,
    end: number,
    left: number,
    right: number,
    lo: number,
    hi: number,
    stack: number,
  ): void;
}

const WASM = new URL('./rank-counter.wasm', import.meta.url);

export function buildRankIndex(x: Matrix, arena: WasmArena): RankIndex {
  const { rows: n, cols: d, data } = x;
  const { components, mean, dims } = principalDirections(x);
  const projected = new Float32Array(n * dims);
  const centred = new Float64Array(d);
  let largest = 0;
  for (let q = 0; q < n; q++) {
    for (let t = 0; t < d; t++) centred[t] = data[q * d + t] - mean[t];
    for (let c = 0; c < dims; c++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += components[c * d + t] * centred[t];
      projected[q * dims + c] = s;
      if (Math.abs(s) > largest) largest = Math.abs(s);
    }
  }
  const tree = new KdTree(projected, n, dims);
  const { nodes } = tree;
  const count = nodes.count;
  const rows = arena.f32(n * d);
  const position = arena.i32(n);
  for (let p = 0; p < n; p++) {
    const row = tree.index[p];
    position[row] = p;
    rows.set(data.subarray(row * d, (row + 1) * d), p * d);
  }
  return {
    n,
    d,
    dims,
    // float32 scores are within 2⁻²⁴ of their value, so a projected distance within ~dims·2⁻²³ of it.
    margin: largest * 1e-5 + 1e-12,
    rows,
    scores: copyInto(arena.f32(tree.points.length), tree.points),
    index: copyInto(arena.i32(n), tree.index),
    position,
    start: copyInto(arena.i32(count), nodes.start.subarray(0, count)),
    end: copyInto(arena.i32(count), nodes.end.subarray(0, count)),
    left: copyInto(arena.i32(count), nodes.left.subarray(0, count)),
    right: copyInto(arena.i32(count), nodes.right.subarray(0, count)),
    lo: copyInto(arena.f32(count * dims), nodes.lo.subarray(0, count * dims)),
    hi: copyInto(arena.f32(count * dims), nodes.hi.subarray(0, count * dims)),
  };
}

/** A counter on `index`, with its scratch taken from `arena` (the index's, attached on this thread). */
export function createRankCounter(index: RankIndex, arena: WasmArena): RankCounter {
  const { d, dims, rows, position } = index;
  const kernel = instantiateKernel<RankKernel>(WASM, arena.memory);
  // Room for the targets of one count (trustworthiness asks for k of them), grown when more come.
  let room = 0;
  let targetRows = arena.i32(0);
  let targets = arena.f64(0);
  let counted = arena.i32(0);
  // Never more pending nodes than nodes (a few hundred KB at 1M rows).
  const stack = arena.i32(index.start.length + 2);

  const squaredDistance = (i: number, j: number): number => {
    const a = position[i] * d;
    const b = position[j] * d;
    let s = 0;
    for (let t = 0; t < d; t++) {
      const diff = rows[b + t] - rows[a + t];
      s += diff * diff;
    }
    return s;
  };

  return {
    squaredDistance,
    count(i, queryTargets, targets2, counts) {
      const m = queryTargets.length;
      if (m > room) {
        room = Math.max(m, 16);
        targetRows = arena.i32(room);
        targets = arena.f64(room);
        counted = arena.i32(room);
      }
      let max2 = 0;
      for (let t = 0; t < m; t++) if (targets2[t] > max2) max2 = targets2[t];
      targetRows.set(queryTargets);
      targets.set(targets2.subarray(0, m));
      counted.fill(0, 0, m);
      const r = Math.sqrt(max2) + index.margin;
      kernel.countCloser(
        rows.byteOffset,
        d,
        position[i],
        targetRows.byteOffset,
        targets.byteOffset,
        m,
        counted.byteOffset,
        max2,
        r * r,
        dims,
        index.scores.byteOffset,
        index.index.byteOffset,
        index.start.byteOffset,
        index.end.byteOffset,
        index.left.byteOffset,
        index.right.byteOffset,
        index.lo.byteOffset,
        index.hi.byteOffset,
        stack.byteOffset,
      );
      counts.set(counted.subarray(0, m));
    },
  };
}

function copyInto<T extends Float32Array | Int32Array>(to: T, from: ArrayLike<number>): T {
  to.set(from);
  return to;
}

function principalDirections(x: Matrix): { components: Float64Array; mean: Float64Array; dims: number } {
  const { rows: n, cols: d } = x;
  const dims = Math.min(d, INDEX_DIMS, Math.max(1, n - 1));
  if (n < 2) return { components: Float64Array.from({ length: d }, (_, t) => (t === 0 ? 1 : 0)), mean: new Float64Array(d), dims: 1 };
  const take = Math.min(n, DIRECTION_SAMPLE);
  const rows = Int32Array.from({ length: take }, (_, r) => Math.floor((r * n) / take));
  const fit = pca(selectRows(x, rows), Math.min(dims, take));
  return { components: fit.components, mean: fit.mean, dims: Math.min(dims, take) };
}
