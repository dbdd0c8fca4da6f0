// AssemblyScript, compiled to rank-counter.wasm by `npm run build:wasm` (build/wasm.ts). The
// walk of rank-counter.ts's count(): the kd-tree of shared/spatial/kdtree.ts (its arrays copied
// into the arena), the same float64 sums in the same column order and the same comparisons as
// the JavaScript walk it replaced, so the counts, and the trustworthiness, are exactly a full
// pass's. Arrays are byte offsets into the arena's memory.

/**
 * For the query at tree position `at`: counts[u] += rows q ≠ it with d(i, q)² < targets2[u], or
 * equal and q < targetRows[u] (u < m). `rows` (n × d float32) and `scores` (n × dims float32,
 * the tree's points) are in tree order, `index` maps a tree position to its row. Only rows whose
 * projection lies within r2 of the query's are looked at; the tree's nodes are
 * start/end/left/right (int32) and lo/hi (dims float32 each); `stack` has room for every node.
 */
export function countCloser(
  rows: usize,
  d: i32,
  at: i32,
  targetRows: usize,
  targets2: usize,
  m: i32,
  counts: usize,
  max2: f64,
  r2: f64,
  dims: i32,
  scores: usize,
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
  const base = rows + <usize>at * rowBytes;
  const boxBytes = <usize>dims << 2;
  const query = scores + <usize>at * boxBytes;
  store<i32>(stack, 0);
  let top = 1;
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
      const pb = scores + <usize>p * boxBytes;
      for (let t = 0; t < dims && s <= r2; t++) {
        const diff = <f64>load<f32>(pb + (<usize>t << 2)) - <f64>load<f32>(query + (<usize>t << 2));
        s += diff * diff;
      }
      if (s > r2 || p == at) continue;
      countRow(base, rows + <usize>p * rowBytes, d, load<i32>(index + (<usize>p << 2)), targetRows, targets2, m, counts, max2);
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
