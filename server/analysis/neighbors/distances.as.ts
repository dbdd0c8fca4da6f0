// AssemblyScript, part of kernels.wasm (kernels.as.ts; not TypeScript: u32, f32,
// v128 and load/store are AssemblyScript's). NN-descent's distance passes (local-join.ts,
// rp-forest.ts) over arrays in a shared memory (wasm/arena.ts), given as byte offsets; rows
// are d float32 columns. Squared euclidean distances, summed four columns at a time in SIMD
// lanes: in JavaScript these passes were half of the neighbour search's time.

@inline function sum4(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
}

/** Squared distance of rows at p and q, or some value >= bound once the partial sum reaches it (checked every 16 columns). */
@inline function boundedDistance(p: usize, q: usize, d: i32, bound: f32): f32 {
  let acc = f32x4.splat(0);
  let t = 0;
  while (t + 16 <= d) {
    const at = <usize>t << 2;
    const a = f32x4.sub(v128.load(p + at), v128.load(q + at));
    const b = f32x4.sub(v128.load(p + at, 16), v128.load(q + at, 16));
    const c = f32x4.sub(v128.load(p + at, 32), v128.load(q + at, 32));
    const e = f32x4.sub(v128.load(p + at, 48), v128.load(q + at, 48));
    acc = f32x4.add(acc, f32x4.add(f32x4.add(f32x4.mul(a, a), f32x4.mul(b, b)), f32x4.add(f32x4.mul(c, c), f32x4.mul(e, e))));
    t += 16;
    if (t < d && sum4(acc) >= bound) return sum4(acc);
  }
  while (t + 4 <= d) {
    const at = <usize>t << 2;
    const a = f32x4.sub(v128.load(p + at), v128.load(q + at));
    acc = f32x4.add(acc, f32x4.mul(a, a));
    t += 4;
  }
  let s = sum4(acc);
  while (t < d) {
    const at = <usize>t << 2;
    const a = load<f32>(p + at) - load<f32>(q + at);
    s += a * a;
    t++;
  }
  return s;
}

/**
 * The local join's distances for rows [from, to) (local-join.ts fillJoinDistances): each row's
 * new×new pairs (a < b) then new×old pairs, in that order, into `out`; a pair is abandoned once
 * it passes both ends' heap roots (`roots`: n × k, a row's root at [row·k]).
 */
export function joinDistances(data: usize, d: i32, roots: usize, k: i32, newCand: usize, oldCand: usize, m: i32, from: i32, to: i32, out: usize): void {
  const rowBytes = <usize>d << 2;
  const rootBytes = <usize>k << 2;
  let slot = out;
  for (let i = from; i < to; i++) {
    const base = <usize>i * <usize>m;
    for (let a = 0; a < m; a++) {
      const p = load<i32>(newCand + ((base + a) << 2));
      if (p < 0) continue;
      const rowP = data + <usize>p * rowBytes;
      const rootP = load<f32>(roots + <usize>p * rootBytes);
      for (let b = a + 1; b < m; b++) {
        const q = load<i32>(newCand + ((base + b) << 2));
        if (q < 0) continue;
        store<f32>(slot, boundedDistance(rowP, data + <usize>q * rowBytes, d, max(rootP, load<f32>(roots + <usize>q * rootBytes))));
        slot += 4;
      }
      for (let b = 0; b < m; b++) {
        const q = load<i32>(oldCand + ((base + b) << 2));
        if (q < 0 || q == p) continue;
        store<f32>(slot, boundedDistance(rowP, data + <usize>q * rowBytes, d, max(rootP, load<f32>(roots + <usize>q * rootBytes))));
        slot += 4;
      }
    }
  }
}

/**
 * The squared distances of every pair of rows sharing a leaf of a random-projection tree
 * (rp-forest.ts growTree): `order` (n) lists rows leaf by leaf, leaf t being
 * order[bounds[t] .. bounds[t + 1]); pairs a < b, leaf by leaf, into `out`.
 */
export function leafDistances(data: usize, d: i32, order: usize, bounds: usize, leaves: i32, out: usize): void {
  const rowBytes = <usize>d << 2;
  let slot = out;
  for (let leaf = 0; leaf < leaves; leaf++) {
    const start = load<i32>(bounds + (<usize>leaf << 2));
    const end = load<i32>(bounds + (<usize>(leaf + 1) << 2));
    for (let a = start; a < end; a++) {
      const rowP = data + <usize>load<i32>(order + (<usize>a << 2)) * rowBytes;
      for (let b = a + 1; b < end; b++) {
        store<f32>(slot, boundedDistance(rowP, data + <usize>load<i32>(order + (<usize>b << 2)) * rowBytes, d, Infinity));
        slot += 4;
      }
    }
  }
}

/**
 * rp-tree.ts's split: for the `count` rows listed at `rows` (row numbers), normal·(row − midpoint)
 * (which side of the hyperplane a row lies on, and how far) into `out`. Measured from the
 * midpoint, not as offset + normal·row, so that float32 does not cancel away the margins of rows
 * far from the origin.
 */
export function hyperplaneMargins(data: usize, d: i32, rows: usize, count: i32, normal: usize, midpoint: usize, out: usize): void {
  const rowBytes = <usize>d << 2;
  for (let r = 0; r < count; r++) {
    const row = data + <usize>load<i32>(rows + (<usize>r << 2)) * rowBytes;
    let acc = f32x4.splat(0);
    let t = 0;
    while (t + 4 <= d) {
      const at = <usize>t << 2;
      acc = f32x4.add(acc, f32x4.mul(v128.load(normal + at), f32x4.sub(v128.load(row + at), v128.load(midpoint + at))));
      t += 4;
    }
    let s = sum4(acc);
    while (t < d) {
      const at = <usize>t << 2;
      s += load<f32>(normal + at) * (load<f32>(row + at) - load<f32>(midpoint + at));
      t++;
    }
    store<f32>(out + (<usize>r << 2), s);
  }
}
