import { selectRows, type Matrix } from '../matrix.ts';
import { pca } from '../reduce/pca.ts';
import { KdTree } from '../../../shared/spatial/kdtree.ts';
import { createWasmArena, type WasmArena } from '../wasm/arena.ts';
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
 * rounding. The walk runs in WebAssembly (rank-counter.as.ts, the same sums and comparisons),
 * on the tree's arrays copied into the arena that holds the rows.
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

/** Principal coordinates indexed: enough to separate groups, few enough for a kd-tree to prune. */
const INDEX_DIMS = 8;
/** Rows sampled (evenly spaced) to find the principal directions: any orthonormal set is correct, good ones prune. */
const DIRECTION_SAMPLE = 20_000;

interface RankKernel {
  countCloser(
    data: number,
    d: number,
    i: number,
    targetRows: number,
    targets2: number,
    m: number,
    counts: number,
    max2: number,
    query: number,
    r2: number,
    dims: number,
    points: number,
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
/** Most target rows one count takes (trustworthiness asks for k = 10). */
const MAX_TARGETS = 64;

/**
 * `arena`: the arena whose memory holds `x.data` (the rows must be a view of its memory; another
 * thread's rank counter may share them); without one, the rows are copied into an arena of the
 * counter's own.
 */
export function createRankCounter(x: Matrix, arena?: WasmArena): RankCounter {
  const { rows: n, cols: d } = x;
  const memory = arena ?? createWasmArena();
  const data = arena ? x.data : copyInto(memory.f32(n * d), x.data);
  const { components, mean, dims } = principalDirections(x);
  const scores = new Float32Array(n * dims);
  let largest = 0;
  for (let q = 0; q < n; q++) {
    for (let c = 0; c < dims; c++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += components[c * d + t] * (data[q * d + t] - mean[t]);
      scores[q * dims + c] = s;
      largest = Math.max(largest, Math.abs(s));
    }
  }
  const tree = indexInArena(new KdTree(scores, n, dims), memory);
  // float32 scores are within 2⁻²⁴ of their value, so a projected distance within ~dims·2⁻²³ of it.
  const margin = largest * 1e-5 + 1e-12;
  const kernel = instantiateKernel<RankKernel>(WASM, memory.memory);
  const query = memory.f32(dims);
  const targetRows = memory.i32(MAX_TARGETS);
  const targets = memory.f64(MAX_TARGETS);
  const counted = memory.i32(MAX_TARGETS);

  const squaredDistance = (i: number, j: number): number => {
    let s = 0;
    for (let t = 0; t < d; t++) {
      const diff = data[j * d + t] - data[i * d + t];
      s += diff * diff;
    }
    return s;
  };

  return {
    squaredDistance,
    count(i, rows, targets2, counts) {
      const m = rows.length;
      if (m > MAX_TARGETS) throw new RangeError(`createRankCounter: at most ${MAX_TARGETS} target rows, got ${m}.`);
      let max2 = 0;
      for (let t = 0; t < m; t++) if (targets2[t] > max2) max2 = targets2[t];
      targetRows.set(rows);
      targets.set(targets2);
      counted.fill(0, 0, m);
      query.set(scores.subarray(i * dims, (i + 1) * dims));
      const r = Math.sqrt(max2) + margin;
      kernel.countCloser(
        data.byteOffset,
        d,
        i,
        targetRows.byteOffset,
        targets.byteOffset,
        m,
        counted.byteOffset,
        max2,
        query.byteOffset,
        r * r,
        dims,
        tree.points.byteOffset,
        tree.index.byteOffset,
        tree.start.byteOffset,
        tree.end.byteOffset,
        tree.left.byteOffset,
        tree.right.byteOffset,
        tree.lo.byteOffset,
        tree.hi.byteOffset,
        tree.stack.byteOffset,
      );
      counts.set(counted.subarray(0, m));
    },
  };
}

/** The kd-tree's arrays, copied into the arena, with a stack for its walk. */
function indexInArena(tree: KdTree, arena: WasmArena) {
  const { nodes } = tree;
  const count = nodes.count;
  return {
    points: copyInto(arena.f32(tree.points.length), tree.points),
    index: copyInto(arena.i32(tree.index.length), tree.index),
    start: copyInto(arena.i32(count), nodes.start.subarray(0, count)),
    end: copyInto(arena.i32(count), nodes.end.subarray(0, count)),
    left: copyInto(arena.i32(count), nodes.left.subarray(0, count)),
    right: copyInto(arena.i32(count), nodes.right.subarray(0, count)),
    lo: copyInto(arena.f32(count * tree.dim), nodes.lo.subarray(0, count * tree.dim)),
    hi: copyInto(arena.f32(count * tree.dim), nodes.hi.subarray(0, count * tree.dim)),
    // Never more pending nodes than nodes (a few hundred KB at 1M rows).
    stack: arena.i32(count + 2),
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
