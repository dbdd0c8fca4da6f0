/**
 * A Barnes–Hut octree over 3D points on flat typed arrays, rebuilt every t-SNE iteration.
 * Nodes own a contiguous range of `order` (points sorted by octant, recursively); each keeps
 * its point count, centre of mass and squared cell width. A leaf holds one point, or several
 * coincident points once cells get too small to split.
 */
export interface Octree {
  nodeCount: number;
  order: Int32Array;
  start: Int32Array;
  end: Int32Array;
  firstChild: Int32Array;
  childCount: Uint8Array;
  comX: Float64Array;
  comY: Float64Array;
  comZ: Float64Array;
  width2: Float64Array;
}

const MAX_DEPTH = 40;
/** Enough for the traversal stack: at most 7 siblings wait per level. */
export const STACK_SIZE = 8 * (MAX_DEPTH + 2);

function allocate(n: number, capacity: number): Octree {
  return {
    nodeCount: 0,
    order: new Int32Array(n),
    start: new Int32Array(capacity),
    end: new Int32Array(capacity),
    firstChild: new Int32Array(capacity),
    childCount: new Uint8Array(capacity),
    comX: new Float64Array(capacity),
    comY: new Float64Array(capacity),
    comZ: new Float64Array(capacity),
    width2: new Float64Array(capacity),
  };
}

/** Doubles the node arrays, keeping their contents. */
function grow(t: Octree): Octree {
  const bigger = allocate(0, t.start.length * 2);
  bigger.order = t.order;
  bigger.nodeCount = t.nodeCount;
  bigger.start.set(t.start);
  bigger.end.set(t.end);
  bigger.firstChild.set(t.firstChild);
  bigger.childCount.set(t.childCount);
  bigger.comX.set(t.comX);
  bigger.comY.set(t.comY);
  bigger.comZ.set(t.comZ);
  bigger.width2.set(t.width2);
  return bigger;
}

/** Builds the tree of n points (xyz interleaved in pos), reusing `reuse`'s arrays when they fit. */
export function buildOctree(pos: Float64Array, n: number, reuse?: Octree): Octree {
  let t0 = reuse && reuse.order.length === n ? reuse : allocate(n, 2 * n + 64);
  const order = t0.order;
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
  // Work list of nodes to split, with their cube centre, half width and depth.
  const cx: number[] = [(minX + maxX) / 2];
  const cy: number[] = [(minY + maxY) / 2];
  const cz: number[] = [(minZ + maxZ) / 2];
  const hw: number[] = [half];
  const depth: number[] = [0];
  const nodes: number[] = [0];
  t0.nodeCount = 1;
  t0.start[0] = 0;
  t0.end[0] = n;
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const x0 = cx.pop()!, y0 = cy.pop()!, z0 = cz.pop()!, h = hw.pop()!, dep = depth.pop()!;
    const s = t0.start[node];
    const e = t0.end[node];
    let sx = 0, sy = 0, sz = 0;
    for (let p = s; p < e; p++) {
      const i = order[p];
      sx += pos[3 * i];
      sy += pos[3 * i + 1];
      sz += pos[3 * i + 2];
    }
    const count = e - s;
    t0.comX[node] = sx / count;
    t0.comY[node] = sy / count;
    t0.comZ[node] = sz / count;
    t0.width2[node] = 4 * h * h;
    t0.firstChild[node] = -1;
    t0.childCount[node] = 0;
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
    let cursor = s;
    const first = t0.nodeCount;
    const q = h / 2;
    for (let o = 0; o < 8; o++) {
      if (bucket[o] === 0) continue;
      if (t0.nodeCount >= t0.start.length) t0 = grow(t0);
      const child = t0.nodeCount++;
      t0.start[child] = cursor;
      t0.end[child] = cursor + bucket[o];
      cursor += bucket[o];
      nodes.push(child);
      cx.push(x0 + (o & 1 ? q : -q));
      cy.push(y0 + (o & 2 ? q : -q));
      cz.push(z0 + (o & 4 ? q : -q));
      hw.push(q);
      depth.push(dep + 1);
    }
    // Children were appended after `first`; grow() may have replaced t0 meanwhile.
    t0.firstChild[node] = first;
    t0.childCount[node] = t0.nodeCount - first;
  }
  return t0;
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
  const { order, start, end, firstChild, childCount, comX, comY, comZ, width2 } = t;
  while (top > 0) {
    const node = stack[--top];
    const first = firstChild[node];
    if (first < 0) {
      // Leaf: exact terms for its point(s), skipping i itself.
      for (let p = start[node]; p < end[node]; p++) {
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
    const dx = xi - comX[node], dy = yi - comY[node], dz = zi - comZ[node];
    const d2 = dx * dx + dy * dy + dz * dz;
    if (width2[node] < theta2 * d2) {
      const mass = end[node] - start[node];
      const q = 1 / (1 + d2);
      const mq = mass * q;
      z += mq;
      const mqq = mq * q;
      fx += mqq * dx;
      fy += mqq * dy;
      fz += mqq * dz;
    } else {
      const count = childCount[node];
      for (let c = 0; c < count; c++) stack[top++] = first + c;
    }
  }
  out[0] = fx;
  out[1] = fy;
  out[2] = fz;
  return z;
}
