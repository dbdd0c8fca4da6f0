// AssemblyScript (see kernels.as.ts). NN-descent's offers to the neighbour heaps
// (neighbor-heap.ts, same layout: row i's max-heap in slots [i·k, (i+1)·k) of `indices`,
// `distances` and `flags`), ported one to one from the JavaScript they replace: the same
// comparisons in the same order, so the heaps come out exactly as they did. Distances and
// priorities are compared as float64 against the float32 values stored, as JavaScript did.
// `owner` is row-owner.ts's: -1 every row, else 0 or 1 for alternating blocks of 64 rows.

@inline function owns(owner: i32, row: i32): bool {
  return owner < 0 || ((row >> 6) & 1) == owner;
}

/** Offers j at distance d to row i's heap; 1 if kept, 0 if too far or already there. */
@inline function heapPush(indices: usize, distances: usize, flags: usize, k: i32, i: i32, j: i32, d: f64, isNew: u8): i32 {
  const base = <usize>i * <usize>k;
  if (d >= <f64>load<f32>(distances + (base << 2))) return 0;
  for (let t: usize = 0; t < <usize>k; t++) if (load<i32>(indices + ((base + t) << 2)) == j) return 0;
  let pos: usize = 0;
  for (;;) {
    const left = pos * 2 + 1;
    if (left >= <usize>k) break;
    const right = left + 1;
    let child = left;
    if (right < <usize>k && load<f32>(distances + ((base + right) << 2)) > load<f32>(distances + ((base + left) << 2))) child = right;
    if (<f64>load<f32>(distances + ((base + child) << 2)) <= d) break;
    store<i32>(indices + ((base + pos) << 2), load<i32>(indices + ((base + child) << 2)));
    store<f32>(distances + ((base + pos) << 2), load<f32>(distances + ((base + child) << 2)));
    store<u8>(flags + base + pos, load<u8>(flags + base + child));
    pos = child;
  }
  store<i32>(indices + ((base + pos) << 2), j);
  store<f32>(distances + ((base + pos) << 2), <f32>d);
  store<u8>(flags + base + pos, isNew);
  return 1;
}

/** local-join.ts applyJoinDistances: offers each pair's distance to both ends the owner writes; returns the entries changed. */
export function applyJoinDistances(indices: usize, distances: usize, flags: usize, k: i32, newCand: usize, oldCand: usize, m: i32, from: i32, to: i32, dist: usize, owner: i32): i32 {
  let slot = dist;
  let updates = 0;
  for (let i = from; i < to; i++) {
    const base = <usize>i * <usize>m;
    for (let a = 0; a < m; a++) {
      const p = load<i32>(newCand + ((base + a) << 2));
      if (p < 0) continue;
      const ownsP = owns(owner, p);
      for (let b = a + 1; b < m; b++) {
        const q = load<i32>(newCand + ((base + b) << 2));
        if (q < 0) continue;
        const s = <f64>load<f32>(slot);
        slot += 4;
        if (ownsP && s < <f64>load<f32>(distances + (<usize>p * <usize>k << 2))) updates += heapPush(indices, distances, flags, k, p, q, s, 1);
        if (owns(owner, q) && s < <f64>load<f32>(distances + (<usize>q * <usize>k << 2))) updates += heapPush(indices, distances, flags, k, q, p, s, 1);
      }
      for (let b = 0; b < m; b++) {
        const q = load<i32>(oldCand + ((base + b) << 2));
        if (q < 0 || q == p) continue;
        const s = <f64>load<f32>(slot);
        slot += 4;
        if (ownsP && s < <f64>load<f32>(distances + (<usize>p * <usize>k << 2))) updates += heapPush(indices, distances, flags, k, p, q, s, 1);
        if (owns(owner, q) && s < <f64>load<f32>(distances + (<usize>q * <usize>k << 2))) updates += heapPush(indices, distances, flags, k, q, p, s, 1);
      }
    }
  }
  return updates;
}

/**
 * rp-forest.ts pushLeafPairs: a tree's leaf pairs offered to both ends, `pairs` holding their
 * distances as distances.as.ts leafDistances wrote them (leaf t is order[bounds[t] .. bounds[t + 1])).
 */
export function pushLeafPairs(indices: usize, distances: usize, flags: usize, k: i32, order: usize, bounds: usize, leaves: i32, pairs: usize, owner: i32): void {
  let slot = pairs;
  for (let leaf = 0; leaf < leaves; leaf++) {
    const start = load<i32>(bounds + (<usize>leaf << 2));
    const end = load<i32>(bounds + (<usize>(leaf + 1) << 2));
    for (let a = start; a < end; a++) {
      const p = load<i32>(order + (<usize>a << 2));
      const ownsP = owns(owner, p);
      for (let b = a + 1; b < end; b++) {
        const q = load<i32>(order + (<usize>b << 2));
        const d = <f64>load<f32>(slot);
        slot += 4;
        if (ownsP) heapPush(indices, distances, flags, k, p, q, d, 1);
        if (owns(owner, q)) heapPush(indices, distances, flags, k, q, p, d, 1);
      }
    }
  }
}

/** candidates.ts slotPriority: a uniform number in [0, 1) from the round's seed and a slot (murmur3's finaliser). */
@inline function slotPriority(seed: i32, slot: i32): f64 {
  let h: u32 = <u32>(slot ^ seed) * 0x9e3779b1;
  h ^= h >>> 16;
  h *= 0x85ebca6b;
  h ^= h >>> 13;
  h *= 0xc2b2ae35;
  h ^= h >>> 16;
  return <f64>h / 4294967296.0;
}

/**
 * candidates.ts pushCandidates: clears the owner's rows' candidate heaps (n × m each), then
 * offers every neighbour (and the reverse edge) by priority to the new or old candidates.
 */
export function pushCandidates(
  n: i32,
  k: i32,
  indices: usize,
  isNew: usize,
  m: i32,
  newIndices: usize,
  newDistances: usize,
  newFlags: usize,
  oldIndices: usize,
  oldDistances: usize,
  oldFlags: usize,
  roundSeed: i32,
  owner: i32,
): void {
  for (let i = 0; i < n; i++) {
    if (!owns(owner, i)) continue;
    const from = <usize>i * <usize>m;
    for (let c: usize = 0; c < <usize>m; c++) {
      store<i32>(newIndices + ((from + c) << 2), -1);
      store<f32>(newDistances + ((from + c) << 2), Infinity);
      store<i32>(oldIndices + ((from + c) << 2), -1);
      store<f32>(oldDistances + ((from + c) << 2), Infinity);
    }
  }
  for (let i = 0; i < n; i++) {
    const ownsI = owns(owner, i);
    for (let t = 0; t < k; t++) {
      const slot = i * k + t;
      const j = load<i32>(indices + (<usize>slot << 2));
      if (j < 0) continue;
      const ownsJ = owns(owner, j);
      if (!ownsI && !ownsJ) continue;
      const priority = slotPriority(roundSeed, slot);
      if (load<u8>(isNew + <usize>slot) == 1) {
        if (ownsI) heapPush(newIndices, newDistances, newFlags, m, i, j, priority, 0);
        if (ownsJ) heapPush(newIndices, newDistances, newFlags, m, j, i, priority, 0);
      } else {
        if (ownsI) heapPush(oldIndices, oldDistances, oldFlags, m, i, j, priority, 0);
        if (ownsJ) heapPush(oldIndices, oldDistances, oldFlags, m, j, i, priority, 0);
      }
    }
  }
}
