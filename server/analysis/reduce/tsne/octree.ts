/**
 * A Barnes–Hut octree over 3D points on flat typed arrays, rebuilt every t-SNE iteration.
 * Nodes own a contiguous range of `order` (points sorted by octant, recursively). Each node's
 * fields sit together in one 64-byte record of `nodes` (one cache line per visited node, which
 * measured ~1.5× faster traversals than one array per field). A leaf holds one point, or
 * several coincident points once cells get too small to split.
 */
export interface Octree {
  nodeCount: number;
  order: Int32Array;
  /** NODE_STRIDE numbers per node, fields at the offsets below. */
  nodes: Float64Array;
}

export const NODE_STRIDE = 8;
const COM_X = 0;
const COM_Y = 1;
const COM_Z = 2;
const WIDTH2 = 3;
const MASS = 4;
/** Index of the first child node, or -1 for a leaf; children are consecutive. */
const FIRST_CHILD = 5;
const CHILD_COUNT = 6;
const START = 7;

const MAX_DEPTH = 40;
/** Enough for the traversal stack: at most 7 siblings wait per level. */
export const STACK_SIZE = 8 * (MAX_DEPTH + 2);

/**
 * An empty tree for n points; `shared` puts it on SharedArrayBuffers so a helper thread can
 * traverse it. Room for 3n nodes: trees of t-SNE layouts need under 2n, and a bigger tree
 * simply moves to unshared memory (the caller then traverses it on one thread).
 */
export function createOctree(n: number, shared = false): Octree {
  const buffer = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  return { nodeCount: 0, order: new Int32Array(buffer(4 * n)), nodes: new Float64Array(buffer(8 * NODE_STRIDE * (3 * n + 64))) };
}

/** Builds the tree of n points (xyz interleaved in pos), reusing `reuse`'s arrays when they fit. */
export function buildOctree(pos: Float64Array, n: number, reuse?: Octree): Octree {
  const tree: Octree = reuse && reuse.order.length === n ? reuse : createOctree(n);
  const order = tree.order;
  for (let i = 0; i < n; i++) order[i] = i;
  let minX = Infinity, minY = Infinity, minZ = Infinity;
  let maxX = -Infinity, maxY = -Infinity, maxZ = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = pos[3 * i], y = pos[3 * i + 1], z = pos[3 * i + 2];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
    if (z < minZ) minZ = z;
    if (z > maxZ) maxZ = z;
  }
  const half = Math.max(maxX - minX, maxY - minY, maxZ - minZ, 1e-12) / 2;
  const scratch = new Int32Array(n);
  const octant = new Uint8Array(n);
  // Work list of nodes still to fill: node index, range end, cube centre, half width, depth.
  const work: number[] = [0, n, (minX + maxX) / 2, (minY + maxY) / 2, (minZ + maxZ) / 2, half, 0];
  tree.nodeCount = 1;
  tree.nodes[START] = 0;
  while (work.length > 0) {
    const dep = work.pop()!, h = work.pop()!, z0 = work.pop()!, y0 = work.pop()!, x0 = work.pop()!, e = work.pop()!, node = work.pop()!;
    let nodes = tree.nodes;
    const base = node * NODE_STRIDE;
    const s = nodes[base + START];
    let sx = 0, sy = 0, sz = 0;
    for (let p = s; p < e; p++) {
      const i = order[p];
      sx += pos[3 * i];
      sy += pos[3 * i + 1];
      sz += pos[3 * i + 2];
    }
    const count = e - s;
    nodes[base + COM_X] = sx / count;
    nodes[base + COM_Y] = sy / count;
    nodes[base + COM_Z] = sz / count;
    nodes[base + WIDTH2] = 4 * h * h;
    nodes[base + MASS] = count;
    nodes[base + FIRST_CHILD] = -1;
    nodes[base + CHILD_COUNT] = 0;
    if (count <= 1 || dep >= MAX_DEPTH || h < 1e-12) continue;
    // Counting sort of the range by octant.
    const bucket = [0, 0, 0, 0, 0, 0, 0, 0];
    for (let p = s; p < e; p++) {
      const i = order[p];
      const o = (pos[3 * i] >= x0 ? 1 : 0) | (pos[3 * i + 1] >= y0 ? 2 : 0) | (pos[3 * i + 2] >= z0 ? 4 : 0);
      octant[p] = o;
      bucket[o]++;
    }
    const offsets = [0, 0, 0, 0, 0, 0, 0, 0];
    for (let o = 1; o < 8; o++) offsets[o] = offsets[o - 1] + bucket[o - 1];
    for (let p = s; p < e; p++) scratch[s + offsets[octant[p]]++] = order[p];
    order.set(scratch.subarray(s, e), s);
    if ((tree.nodeCount + 8) * NODE_STRIDE > nodes.length) {
      const bigger = new Float64Array(nodes.length * 2);
      bigger.set(nodes);
      tree.nodes = nodes = bigger;
    }
    const first = tree.nodeCount;
    let cursor = s;
    const q = h / 2;
    for (let o = 0; o < 8; o++) {
      if (bucket[o] === 0) continue;
      const child = tree.nodeCount++;
      nodes[child * NODE_STRIDE + START] = cursor;
      cursor += bucket[o];
      work.push(child, cursor, x0 + (o & 1 ? q : -q), y0 + (o & 2 ? q : -q), z0 + (o & 4 ? q : -q), q, dep + 1);
    }
    nodes[base + FIRST_CHILD] = first;
    nodes[base + CHILD_COUNT] = tree.nodeCount - first;
  }
  return tree;
}

/**
 * Repulsion on the points at tree positions [from, to) (in tree order, so consecutive
 * traversals touch the same cells): forces into `forces` (3 per point, by point index), and
 * returns their Σ q.
 */
export function repulsionRange(
  t: Octree,
  pos: Float64Array,
  from: number,
  to: number,
  theta2: number,
  forces: Float64Array,
  stack: Int32Array,
  out: Float64Array,
): number {
  let z = 0;
  for (let p = from; p < to; p++) {
    const i = t.order[p];
    z += repulsion(t, pos, i, theta2, stack, out);
    forces[3 * i] = out[0];
    forces[3 * i + 1] = out[1];
    forces[3 * i + 2] = out[2];
  }
  return z;
}

/**
 * Repulsion on point i: Σ_j q_ij² (y_i − y_j) into out[0..2] and returns Σ_j q_ij with
 * q_ij = 1 / (1 + |y_i − y_j|²), cells summarised by their centre of mass whenever
 * width / distance < theta.
 */
export function repulsion(t: Octree, pos: Float64Array, i: number, theta2: number, stack: Int32Array, out: Float64Array): number {
  const xi = pos[3 * i], yi = pos[3 * i + 1], zi = pos[3 * i + 2];
  let fx = 0, fy = 0, fz = 0, z = 0;
  let top = 0;
  stack[top++] = 0;
  const { order, nodes } = t;
  while (top > 0) {
    const base = stack[--top] * NODE_STRIDE;
    const first = nodes[base + FIRST_CHILD];
    if (first < 0) {
      // Leaf: exact terms for its point(s), skipping i itself.
      const s = nodes[base + START];
      const e = s + nodes[base + MASS];
      for (let p = s; p < e; p++) {
        const j = order[p];
        if (j === i) continue;
        const dx = xi - pos[3 * j], dy = yi - pos[3 * j + 1], dz = zi - pos[3 * j + 2];
        const q = 1 / (1 + dx * dx + dy * dy + dz * dz);
        z += q;
        const qq = q * q;
        fx += qq * dx;
        fy += qq * dy;
        fz += qq * dz;
      }
      continue;
    }
    const dx = xi - nodes[base + COM_X], dy = yi - nodes[base + COM_Y], dz = zi - nodes[base + COM_Z];
    const d2 = dx * dx + dy * dy + dz * dz;
    if (nodes[base + WIDTH2] < theta2 * d2) {
      const q = 1 / (1 + d2);
      const mq = nodes[base + MASS] * q;
      z += mq;
      const mqq = mq * q;
      fx += mqq * dx;
      fy += mqq * dy;
      fz += mqq * dz;
    } else {
      const count = nodes[base + CHILD_COUNT];
      for (let c = 0; c < count; c++) stack[top++] = first + c;
    }
  }
  out[0] = fx;
  out[1] = fy;
  out[2] = fz;
  return z;
}
