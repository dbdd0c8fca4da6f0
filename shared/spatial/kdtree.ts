import { buildNodes, type KdNodes } from './kdtree-build.ts';
import { NeighborHeap } from './neighbor-heap.ts';

/**
 * An exact kd-tree over n points of dimension d, stored as flat typed arrays (no per-node
 * objects), so a 1M-point tree costs a few tens of MB and is cheap to build in a browser or a
 * worker. Points are copied in tree order so a leaf scan reads contiguous memory; `index` maps
 * a tree position back to the caller's row.
 *
 * Pruning uses each node's tight bounding box, which keeps queries fast for d ≤ ~16 and still
 * exact (only slower, tending to a linear scan) for any d. Distances are Euclidean.
 * Pure: no Node or DOM imports, the browser reuses it for hover, lasso and nearest-point picks.
 */
export interface KdTreeOptions {
  /** Points per leaf (default 16): smaller leaves prune more, larger ones scan faster. */
  leafSize?: number;
}

export interface Neighbors {
  /** Row indices of the neighbours, nearest first. */
  indices: Int32Array;
  /** Their Euclidean distances, ascending. */
  distances: Float64Array;
}

/** Called once per point within the radius; returning true stops the search. */
export type RadiusVisitor = (index: number, distance: number) => boolean | void;

export class KdTree {
  readonly n: number;
  readonly dim: number;
  /** Points in tree order, n × dim. */
  readonly points: Float32Array;
  /** index[p] = the caller's row of the point at tree position p. */
  readonly index: Int32Array;
  readonly nodes: KdNodes;
  // Traversal scratch: one stack for k-nearest searches, another for radius walks, so a
  // radius visitor may run nearest() on the same tree; a nested radius walk gets a fresh one.
  private readonly stack: Int32Array;
  private readonly stackBound: Float64Array;
  private readonly radiusStack: Int32Array;
  private walking = false;

  constructor(data: Float32Array, n: number, dim: number, options: KdTreeOptions = {}) {
    if (!Number.isInteger(n) || n < 0 || !Number.isInteger(dim) || dim < 1 || data.length < n * dim) {
      throw new RangeError(`KdTree: need n × dim = ${n} × ${dim} values, got ${data.length}.`);
    }
    const leafSize = Math.max(1, Math.floor(options.leafSize ?? 16));
    this.n = n;
    this.dim = dim;
    const built = buildNodes(data, n, dim, leafSize);
    this.nodes = built.nodes;
    this.index = built.order;
    this.points = new Float32Array(n * dim);
    for (let p = 0; p < n; p++) {
      const src = built.order[p] * dim;
      for (let t = 0; t < dim; t++) this.points[p * dim + t] = data[src + t];
    }
    // A depth-first walk holds at most one pending sibling per level.
    this.stack = new Int32Array(2 * (built.depth + 2));
    this.stackBound = new Float64Array(2 * (built.depth + 2));
    this.radiusStack = new Int32Array(2 * (built.depth + 2));
  }

  /** The k nearest points to `query` (a point of `dim` values starting at `offset`), nearest first. */
  nearest(query: ArrayLike<number>, k: number, offset = 0): Neighbors {
    const kk = Math.min(Math.max(0, Math.floor(k)), this.n);
    const indices = new Int32Array(kk);
    const distances = new Float64Array(kk);
    this.nearestInto(query, offset, kk, indices, distances);
    return { indices, distances };
  }

  /**
   * Allocation-free form of nearest(): writes up to k neighbours into the output arrays,
   * nearest first, and returns how many it wrote (min(k, n)). For loops over every row.
   */
  nearestInto(query: ArrayLike<number>, offset: number, k: number, outIndices: Int32Array, outDistances: Float64Array): number {
    const heap = this.heapFor(k);
    if (heap.capacity === 0 || this.n === 0) return 0;
    const { start, end, left, right } = this.nodes;
    const { points, dim } = this;
    const stack = this.stack;
    const bound = this.stackBound;
    let top = 0;
    stack[top] = 0;
    bound[top++] = this.boxDistance(0, query, offset);
    while (top > 0) {
      top--;
      const node = stack[top];
      if (bound[top] > heap.worst()) continue;
      const l = left[node];
      if (l < 0) {
        for (let p = start[node]; p < end[node]; p++) {
          let s = 0;
          const base = p * dim;
          for (let t = 0; t < dim; t++) {
            const diff = points[base + t] - query[offset + t];
            s += diff * diff;
          }
          if (s < heap.worst()) heap.push(s, p);
        }
        continue;
      }
      const r = right[node];
      const dl = this.boxDistance(l, query, offset);
      const dr = this.boxDistance(r, query, offset);
      // Push the farther child first so the nearer one is searched first and tightens the bound.
      if (dl <= dr) {
        stack[top] = r; bound[top++] = dr;
        stack[top] = l; bound[top++] = dl;
      } else {
        stack[top] = l; bound[top++] = dl;
        stack[top] = r; bound[top++] = dr;
      }
    }
    const count = heap.size;
    heap.drainSorted(outIndices, outDistances);
    for (let i = 0; i < count; i++) {
      outIndices[i] = this.index[outIndices[i]];
      outDistances[i] = Math.sqrt(outDistances[i]);
    }
    return count;
  }

  /** Visits every point at distance ≤ r from `query` (in no particular order). */
  withinRadius(query: ArrayLike<number>, r: number, visit: RadiusVisitor, offset = 0): void {
    if (this.n === 0 || !(r >= 0)) return;
    const r2 = r * r;
    const nested = this.walking;
    const stack = nested ? new Int32Array(this.radiusStack.length) : this.radiusStack;
    this.walking = true;
    try {
      this.radiusWalk(query, offset, r2, visit, stack);
    } finally {
      this.walking = nested;
    }
  }

  private radiusWalk(query: ArrayLike<number>, offset: number, r2: number, visit: RadiusVisitor, stack: Int32Array): void {
    const { start, end, left, right } = this.nodes;
    const { points, dim, index } = this;
    let top = 0;
    stack[top++] = 0;
    while (top > 0) {
      const node = stack[--top];
      if (this.boxDistance(node, query, offset) > r2) continue;
      const l = left[node];
      if (l >= 0) {
        stack[top++] = right[node];
        stack[top++] = l;
        continue;
      }
      for (let p = start[node]; p < end[node]; p++) {
        let s = 0;
        const base = p * dim;
        for (let t = 0; t < dim && s <= r2; t++) {
          const diff = points[base + t] - query[offset + t];
          s += diff * diff;
        }
        if (s <= r2 && visit(index[p], Math.sqrt(s)) === true) return;
      }
    }
  }

  /** How many points lie within distance r of `query`, counting stops once `limit` is reached. */
  countWithinRadius(query: ArrayLike<number>, r: number, limit = Infinity, offset = 0): number {
    let count = 0;
    this.withinRadius(query, r, () => ++count >= limit, offset);
    return count;
  }

  /** Squared distance from the query to node's bounding box (0 inside it). */
  boxDistance(node: number, query: ArrayLike<number>, offset: number): number {
    const { lo, hi } = this.nodes;
    const dim = this.dim;
    const base = node * dim;
    let s = 0;
    for (let t = 0; t < dim; t++) {
      const q = query[offset + t];
      const a = lo[base + t];
      if (q < a) {
        s += (a - q) * (a - q);
        continue;
      }
      const b = hi[base + t];
      if (q > b) s += (q - b) * (q - b);
    }
    return s;
  }

  private heapCache: NeighborHeap | null = null;

  private heapFor(k: number): NeighborHeap {
    const capacity = Math.min(Math.max(0, Math.floor(k)), this.n);
    if (this.heapCache === null || this.heapCache.capacity !== capacity) this.heapCache = new NeighborHeap(capacity);
    this.heapCache.clear();
    return this.heapCache;
  }
}

/** Builds a kd-tree over `data` (n rows of `dim` values, row-major). */
export function buildKdTree(data: Float32Array, n: number, dim: number, options?: KdTreeOptions): KdTree {
  return new KdTree(data, n, dim, options);
}
