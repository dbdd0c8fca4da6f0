/**
 * Construction of the flat kd-tree layout: node i covers tree positions [start[i], end[i]),
 * has children left[i] / right[i] (-1 for a leaf) and a tight bounding box lo/hi (i·dim …).
 * Splits are at the median of the widest dimension, so depth stays ≤ log2(n / leafSize) + 1
 * whatever the data, and recursion is that shallow.
 */
export interface KdNodes {
  count: number;
  start: Int32Array;
  end: Int32Array;
  left: Int32Array;
  right: Int32Array;
  lo: Float32Array;
  hi: Float32Array;
}

export interface BuiltNodes {
  nodes: KdNodes;
  /** order[p] = original row of tree position p. */
  order: Int32Array;
  depth: number;
}

export function buildNodes(data: Float32Array, n: number, dim: number, leafSize: number): BuiltNodes {
  const minLeaf = Math.max(1, Math.floor((leafSize + 1) / 2));
  const capacity = Math.max(1, 2 * Math.ceil(n / minLeaf));
  const nodes: KdNodes = {
    count: 0,
    start: new Int32Array(capacity),
    end: new Int32Array(capacity),
    left: new Int32Array(capacity).fill(-1),
    right: new Int32Array(capacity).fill(-1),
    lo: new Float32Array(capacity * dim),
    hi: new Float32Array(capacity * dim),
  };
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let depth = 0;

  const build = (from: number, to: number, level: number): number => {
    const node = nodes.count++;
    nodes.start[node] = from;
    nodes.end[node] = to;
    if (level > depth) depth = level;
    const widest = boundingBox(data, order, from, to, dim, nodes.lo, nodes.hi, node * dim);
    if (to - from <= leafSize || widest.spread <= 0) return node;
    const mid = (from + to) >> 1;
    selectNth(data, order, from, to - 1, mid, dim, widest.axis);
    nodes.left[node] = build(from, mid, level + 1);
    nodes.right[node] = build(mid, to, level + 1);
    return node;
  };
  build(0, n, 0);
  return { nodes, order, depth };
}

/** Writes the box of rows order[from..to) at lo/hi[base…] and returns its widest axis. */
function boundingBox(
  data: Float32Array, order: Int32Array, from: number, to: number, dim: number,
  lo: Float32Array, hi: Float32Array, base: number,
): { axis: number; spread: number } {
  for (let t = 0; t < dim; t++) {
    lo[base + t] = Infinity;
    hi[base + t] = -Infinity;
  }
  for (let p = from; p < to; p++) {
    const row = order[p] * dim;
    for (let t = 0; t < dim; t++) {
      const v = data[row + t];
      if (v < lo[base + t]) lo[base + t] = v;
      if (v > hi[base + t]) hi[base + t] = v;
    }
  }
  let axis = 0;
  let spread = -1;
  for (let t = 0; t < dim; t++) {
    const s = hi[base + t] - lo[base + t];
    if (s > spread) {
      spread = s;
      axis = t;
    }
  }
  return { axis, spread };
}

/**
 * Quickselect (Hoare partition, median-of-three pivot) on order[left..right] by coordinate
 * `axis`: afterwards order[nth] holds the row that sorts there, smaller-or-equal rows before
 * it and greater-or-equal after. Handles runs of equal values without degrading.
 */
function selectNth(data: Float32Array, order: Int32Array, left: number, right: number, nth: number, dim: number, axis: number): void {
  const key = (p: number) => data[order[p] * dim + axis];
  const swap = (a: number, b: number) => {
    const t = order[a];
    order[a] = order[b];
    order[b] = t;
  };
  while (right > left) {
    const mid = (left + right) >> 1;
    if (key(mid) < key(left)) swap(mid, left);
    if (key(right) < key(left)) swap(right, left);
    if (key(right) < key(mid)) swap(right, mid);
    const pivot = key(mid);
    let i = left;
    let j = right;
    while (i <= j) {
      while (key(i) < pivot) i++;
      while (key(j) > pivot) j--;
      if (i <= j) {
        swap(i, j);
        i++;
        j--;
      }
    }
    if (nth <= j) right = j;
    else if (nth >= i) left = i;
    else return;
  }
}
