// AssemblyScript, compiled to rank-counter.wasm by `npm run build:wasm` (build/wasm.ts). The
// walk of rank-counter.ts's count(): the same kd-tree (shared/spatial/kdtree.ts, its arrays
// copied into the arena), the same float64 sums in the same column order and the same
// comparisons, so the counts, and the trustworthiness, are exactly those of the JavaScript it
// replaces. Arrays are byte offsets into the arena's memory.

/**
 * For query row `i`: counts[u] += rows q ≠ i with d(i, q)² < targets2[u], or equal and
 * q < targetRows[u] (u < m). Only rows whose projected point lies within r2 of the query's
 * projection (`query`, dims float32) are looked at; the tree's nodes are start/end/left/right
 * (int32) and lo/hi (dims float32 each), its points in tree order, `index` maps them to rows.
 * `data` is n × d float32 rows; `stack` has room for the tree's depth.
 */
export function countCloser(
  data: usize,
  d: i32,
  i: i32,
  targetRows: usize,
  targets2: usize,
  m: i32,
  counts: usize,
  max2: f64,
  query: usize,
  r2: f64,
  dims: i32,
  points: usize,
  index: usize,
  start: usize,
  end: usize,
  left: usize,
  right: usize,
  lo: usize,
  hi: usize,
  stack: usize,
): void {
  const rowBytes = <usize>d << 2;
  const base = data + <usize>i * rowBytes;
  const boxBytes = <usize>dims << 2;
  let top = 0;
  store<i32>(stack, 0);
  top = 1;
  while (top > 0) {
    top--;
    const node = load<i32>(stack + (<usize>top << 2));
    // Squared distance from the query to the node's box (0 inside it).
    let box: f64 = 0;
    const lob = lo + <usize>node * boxBytes;
    const hib = hi + <usize>node * boxBytes;
    for (let t = 0; t < dims; t++) {
      const q = <f64>load<f32>(query + (<usize>t << 2));
      const a = <f64>load<f32>(lob + (<usize>t << 2));
      if (q < a) {
        box += (a - q) * (a - q);
        continue;
      }
      const b = <f64>load<f32>(hib + (<usize>t << 2));
      if (q > b) box += (q - b) * (q - b);
    }
    if (box > r2) continue;
    const l = load<i32>(left + (<usize>node << 2));
    if (l >= 0) {
      store<i32>(stack + (<usize>top << 2), load<i32>(right + (<usize>node << 2)));
      store<i32>(stack + (<usize>(top + 1) << 2), l);
      top += 2;
      continue;
    }
    const last = load<i32>(end + (<usize>node << 2));
    for (let p = load<i32>(start + (<usize>node << 2)); p < last; p++) {
      let s: f64 = 0;
      const pb = points + <usize>p * boxBytes;
      for (let t = 0; t < dims && s <= r2; t++) {
        const diff = <f64>load<f32>(pb + (<usize>t << 2)) - <f64>load<f32>(query + (<usize>t << 2));
        s += diff * diff;
      }
      if (s > r2) continue;
      const q = load<i32>(index + (<usize>p << 2));
      if (q == i) continue;
      countRow(base, data + <usize>q * rowBytes, d, q, targetRows, targets2, m, counts, max2);
    }
  }
}

/** Row q against the targets: abandoned once its partial sum passes the largest (checked every 8 columns). */
@inline function countRow(base: usize, row: usize, d: i32, q: i32, targetRows: usize, targets2: usize, m: i32, counts: usize, max2: f64): void {
  let s: f64 = 0;
  let t = 0;
  while (t < d) {
    const stop = t + 8 < d ? t + 8 : d;
    for (; t < stop; t++) {
      const diff = <f64>load<f32>(row + (<usize>t << 2)) - <f64>load<f32>(base + (<usize>t << 2));
      s += diff * diff;
    }
    if (s > max2) return;
  }
  for (let u = 0; u < m; u++) {
    const target = load<f64>(targets2 + (<usize>u << 3));
    if (s < target || (s == target && q < load<i32>(targetRows + (<usize>u << 2)))) {
      const at = counts + (<usize>u << 2);
      store<i32>(at, load<i32>(at) + 1);
    }
  }
}
