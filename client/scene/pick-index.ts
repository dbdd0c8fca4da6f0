/**
 * A static kd-tree over point positions, shaped for cone queries (the pick ray widened by the
 * pick tolerance): hover and lasso-free picking touch only the few hundred points near the
 * ray instead of all of them. Built once per positions array (in a worker for big clouds);
 * plain typed arrays so it crosses postMessage without copying.
 */
export interface PickIndex {
  count: number;
  /** Point indices, permuted so that every node's points are contiguous. */
  order: Uint32Array;
  /** Positions in `order` order (x, y, z per entry): leaf scans read memory sequentially. */
  sorted: Float32Array;
  /** Per node: first and one-past-last entry of `order`. */
  nodeStart: Uint32Array;
  nodeEnd: Uint32Array;
  /** Per node: index of its left child (right = left + 1), or -1 for a leaf. */
  nodeLeft: Int32Array;
  /** Per node: bounding-sphere centre (x, y, z) and radius of the node's points. */
  nodeSphere: Float32Array;
  nodeCount: number;
}

export const LEAF_SIZE = 32;

export function buildPickIndex(positions: Float32Array, count: number, leafSize = LEAF_SIZE): PickIndex {
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  const maxNodes = Math.max(1, 4 * Math.ceil(count / leafSize) + 1);
  const nodeStart = new Uint32Array(maxNodes);
  const nodeEnd = new Uint32Array(maxNodes);
  const nodeLeft = new Int32Array(maxNodes).fill(-1);
  const nodeSphere = new Float32Array(maxNodes * 4);
  let nodeCount = 1;
  nodeEnd[0] = count;
  const stack = [0];
  const box = new Float64Array(6);
  while (stack.length > 0) {
    const node = stack.pop() as number;
    const lo = nodeStart[node];
    const hi = nodeEnd[node];
    boundsOf(positions, order, lo, hi, box);
    const cx = (box[0] + box[3]) / 2;
    const cy = (box[1] + box[4]) / 2;
    const cz = (box[2] + box[5]) / 2;
    nodeSphere[node * 4] = cx;
    nodeSphere[node * 4 + 1] = cy;
    nodeSphere[node * 4 + 2] = cz;
    // Rounded up a little so float32 storage never shrinks the sphere below its points.
    nodeSphere[node * 4 + 3] = Math.hypot(box[3] - cx, box[4] - cy, box[5] - cz) * (1 + 1e-6) + 1e-9;
    if (hi - lo <= leafSize) continue;
    const ex = box[3] - box[0];
    const ey = box[4] - box[1];
    const ez = box[5] - box[2];
    if (ex === 0 && ey === 0 && ez === 0) continue; // all points coincide: splitting gains nothing
    const axis = ex >= ey && ex >= ez ? 0 : ey >= ez ? 1 : 2;
    const mid = (lo + hi) >>> 1;
    select(positions, order, lo, hi - 1, mid, axis);
    const left = nodeCount;
    nodeCount += 2;
    nodeLeft[node] = left;
    nodeStart[left] = lo;
    nodeEnd[left] = mid;
    nodeStart[left + 1] = mid;
    nodeEnd[left + 1] = hi;
    stack.push(left + 1, left);
  }
  const sorted = new Float32Array(count * 3);
  for (let k = 0; k < count; k++) {
    const i = order[k] * 3;
    sorted[k * 3] = positions[i];
    sorted[k * 3 + 1] = positions[i + 1];
    sorted[k * 3 + 2] = positions[i + 2];
  }
  return { count, order, sorted, nodeStart, nodeEnd, nodeLeft, nodeSphere, nodeCount };
}

function boundsOf(p: Float32Array, order: Uint32Array, lo: number, hi: number, out: Float64Array): void {
  out[0] = out[1] = out[2] = Infinity;
  out[3] = out[4] = out[5] = -Infinity;
  for (let k = lo; k < hi; k++) {
    const i = order[k] * 3;
    const x = p[i];
    const y = p[i + 1];
    const z = p[i + 2];
    if (x < out[0]) out[0] = x;
    if (x > out[3]) out[3] = x;
    if (y < out[1]) out[1] = y;
    if (y > out[4]) out[4] = y;
    if (z < out[2]) out[2] = z;
    if (z > out[5]) out[5] = z;
  }
  if (hi <= lo) out.fill(0);
}

/** Quickselect (Hoare partition, median of three): order[k] gets the k-th smallest along axis. */
function select(p: Float32Array, order: Uint32Array, left: number, right: number, k: number, axis: number): void {
  while (right > left) {
    const m = (left + right) >>> 1;
    const a = p[order[left] * 3 + axis];
    const b = p[order[m] * 3 + axis];
    const c = p[order[right] * 3 + axis];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = left;
    let j = right;
    while (i <= j) {
      while (p[order[i] * 3 + axis] < pivot) i++;
      while (p[order[j] * 3 + axis] > pivot) j--;
      if (i <= j) {
        const t = order[i];
        order[i] = order[j];
        order[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

/** A ray widened into a cone: a point at distance t along the ray is inside if it is within base + slope·t of it. */
export interface Cone {
  ox: number;
  oy: number;
  oz: number;
  /** Unit direction. */
  dx: number;
  dy: number;
  dz: number;
  base: number;
  slope: number;
}

// Depth-first stack; the tree is at most log2(count) deep, so 128 levels never overflow.
const coneStack = new Int32Array(128);

/**
 * Calls visit(entry) for every entry of index.order whose node may intersect the cone (a
 * superset of the points inside it; the caller tests points exactly). Entries are positions
 * in index.order / index.sorted.
 */
export function visitCone(index: PickIndex, cone: Cone, visit: (entry: number) => void): void {
  if (index.count === 0) return;
  const { nodeSphere, nodeLeft, nodeStart, nodeEnd } = index;
  const { ox, oy, oz, dx, dy, dz, base, slope } = cone;
  const stack = coneStack;
  let top = 0;
  stack[top++] = 0;
  while (top > 0) {
    const node = stack[--top];
    const vx = nodeSphere[node * 4] - ox;
    const vy = nodeSphere[node * 4 + 1] - oy;
    const vz = nodeSphere[node * 4 + 2] - oz;
    const r = nodeSphere[node * 4 + 3];
    const t = vx * dx + vy * dy + vz * dz;
    if (t + r < 0) continue;
    const perp2 = Math.max(vx * vx + vy * vy + vz * vz - t * t, 0);
    const reach = base + slope * Math.max(t + r, 0) + r;
    if (perp2 > reach * reach) continue;
    const left = nodeLeft[node];
    if (left < 0) {
      for (let k = nodeStart[node], e = nodeEnd[node]; k < e; k++) visit(k);
    } else {
      stack[top++] = left;
      stack[top++] = left + 1;
    }
  }
}
