// AssemblyScript, compiled to layout-sgd.wasm by `npm run build:wasm` (not TypeScript: u32, f32,
// v128 and load/store are AssemblyScript's). One partition's share of one epoch of UMAP's layout
// SGD in 3D; the state and the rules are described in layout-state.ts, which owns the memory.
//
// Why WebAssembly: the same loop in JavaScript spent its time on float64 arithmetic, on fastPow's
// round trip through a typed array, and on the dependency chain of one negative sample after
// another. Here the arithmetic is float32, the bit tricks are free reinterprets, and a sample's
// attraction and its negative samples are computed four slots to a SIMD vector, all at the
// point's position as the sample starts, and applied together, so that no step waits on another.
// Clamps use pmin/pmax: wasm's min/max must propagate NaN and -0 exactly, which costs several
// x86 instructions each; these inputs are never NaN (see docs/analysis.md for the measurements).

/** Mulberry32's step (shared/random.ts): the stream's state advances by this constant per draw. */
const STEP: u32 = 0x6d2b79f5;

/**
 * Mulberry32's output for `state`, as a uniform integer in [0, range): the high 32 bits of the
 * 32-bit draw times the range.
 */
@inline function draw(state: u32, range: u32): u32 {
  let t = state;
  t = (t ^ (t >>> 15)) * (t | 1);
  t ^= t + (t ^ (t >>> 7)) * (t | 61);
  return <u32>((<u64>(t ^ (t >>> 14)) * <u64>range) >>> 32);
}

const LANE: v128 = i32x4(0, 1, 2, 3);

/**
 * x^b for x > 0 in each lane, as 2^(b·log2 x) with log2 and exp2 from the float32 bit fields and
 * short polynomials (least-squares fits on [1, 2) and [0, 1)): relative error below 5e-6 in float32
 * for b up to 1.5. Powers are UMAP's costliest step (one per sample); its steps are clipped noisy SGD, so
 * 1e-6 is far below what matters.
 */
@inline function pow4(x: v128, b: f32): v128 {
  const exponent = f32x4.convert_i32x4_s(i32x4.sub(i32x4.shr_s(x, 23), i32x4.splat(127)));
  const u = f32x4.sub(v128.or(v128.and(x, i32x4.splat(0x007fffff)), i32x4.splat(0x3f800000)), f32x4.splat(1));
  const u2 = f32x4.mul(u, u);
  const u4 = f32x4.mul(u2, u2);
  const p01 = f32x4.add(f32x4.splat(1.44253476), f32x4.mul(f32x4.splat(-0.7180332), u));
  const p23 = f32x4.add(f32x4.splat(0.45715613), f32x4.mul(f32x4.splat(-0.27733722), u));
  const p45 = f32x4.add(f32x4.splat(0.12146853), f32x4.mul(f32x4.splat(-0.02579071), u));
  const log2 = f32x4.add(exponent, f32x4.mul(u, f32x4.add(f32x4.add(p01, f32x4.mul(p23, u2)), f32x4.mul(p45, u4))));
  // Keep 2^y a normal float32 (tiny or huge powers saturate, as their gradients do).
  const y = f32x4.pmin(f32x4.pmax(f32x4.mul(f32x4.splat(b), log2), f32x4.splat(-126)), f32x4.splat(127));
  const whole = f32x4.floor(y);
  const f = f32x4.sub(y, whole);
  const f2 = f32x4.mul(f, f);
  const q = f32x4.add(
    f32x4.add(f32x4.splat(0.69315254), f32x4.mul(f32x4.splat(0.24015243), f)),
    f32x4.mul(f32x4.add(f32x4.splat(0.05583664), f32x4.mul(f32x4.splat(0.00897284), f)), f2),
  );
  const frac = f32x4.add(f32x4.splat(1), f32x4.mul(f, f32x4.add(q, f32x4.mul(f32x4.splat(0.00188543), f32x4.mul(f2, f2)))));
  // 2^whole from the bits: whole + 127 lands in the low bits of 1.5·2^23 + whole + 127, and the
  // shift drops the rest (cheaper than a saturating conversion, which y's range does not need).
  return f32x4.mul(i32x4.shl(f32x4.add(whole, f32x4.splat(12582912 + 127)), 23), frac);
}

@inline function clip4(v: v128): v128 {
  return f32x4.pmin(f32x4.pmax(v, f32x4.splat(-4)), f32x4.splat(4));
}

@inline function sum4(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
}

/** For the tests: the power the optimiser uses. */
export function fastPow(x: f32, b: f32): f32 {
  return f32x4.extract_lane(pow4(f32x4.splat(x), b), 0);
}

/**
 * Runs the edges [firstEdge, lastEdge) of one partition (rows [lo, hi)) for epoch `epoch` with
 * learning rate `alpha`; arrays are byte offsets into the memory (layout-state.ts); positions are
 * n × 3. `seed` is the partition's random state; the state after the epoch is returned.
 */
export function runPartition(
  seed: u32,
  n: u32,
  lo: i32,
  hi: i32,
  firstEdge: i32,
  lastEdge: i32,
  epoch: f32,
  alpha: f32,
  a: f32,
  b: f32,
  gamma: f32,
  head: usize,
  tail: usize,
  epochsPerSample: usize,
  epochsPerNegative: usize,
  nextSample: usize,
  nextNegative: usize,
  live: usize,
  snapshot: usize,
  out: usize,
  pool: usize,
  poolIds: usize,
  poolSize: u32,
): u32 {
  let state = seed;
  const twoAB: f32 = a * b * 2;
  const twoGammaB = f32x4.splat(gamma * b * 2);
  for (let e = firstEdge; e < lastEdge; e++) {
    const eo = <usize>e << 2;
    if (load<f32>(nextSample + eo) > epoch) continue;
    const j = load<i32>(head + eo);
    const k = load<i32>(tail + eo);
    const pj = live + <usize>j * 12;
    const tailOwn = k >= lo && k < hi;
    store<f32>(nextSample + eo, load<f32>(nextSample + eo) + load<f32>(epochsPerSample + eo));
    const perNegative = load<f32>(epochsPerNegative + eo);
    // Never below 0 (the schedule keeps nextNegative ≤ epoch), so that slot 0's attraction always runs.
    const negatives = max(0, <i32>Mathf.floor((epoch - load<f32>(nextNegative + eo)) / perNegative));
    if (negatives > 0) store<f32>(nextNegative + eo, load<f32>(nextNegative + eo) + <f32>negatives * perNegative);
    // The sample's attraction (slot 0: the edge's tail) and its repulsions (slots 1 to
    // `negatives`: uniform rows) are all taken at the point's position as the sample starts,
    // four slots to a SIMD vector, and applied together.
    const x = load<f32>(pj);
    const y = load<f32>(pj, 4);
    const z = load<f32>(pj, 8);
    let px = f32x4.splat(0);
    let py = f32x4.splat(0);
    let pz = f32x4.splat(0);
    let tx: f32 = 0;
    let ty: f32 = 0;
    let tz: f32 = 0;
    for (let q = 0; q <= negatives; q += 4) {
      // Four uniform rows: from the epoch's pool (positions as of the epoch's start), or from
      // all rows, the partition's own live, the other's as of the epoch's start.
      let p0: usize, p1: usize, p2: usize, p3: usize;
      let ids: v128;
      if (poolSize > 0) {
        const s0 = draw((state += STEP), poolSize);
        const s1 = draw((state += STEP), poolSize);
        const s2 = draw((state += STEP), poolSize);
        const s3 = draw((state += STEP), poolSize);
        p0 = pool + <usize>s0 * 12;
        p1 = pool + <usize>s1 * 12;
        p2 = pool + <usize>s2 * 12;
        p3 = pool + <usize>s3 * 12;
        ids = i32x4.splat(load<i32>(poolIds + (<usize>s0 << 2)));
        ids = i32x4.replace_lane(ids, 1, load<i32>(poolIds + (<usize>s1 << 2)));
        ids = i32x4.replace_lane(ids, 2, load<i32>(poolIds + (<usize>s2 << 2)));
        ids = i32x4.replace_lane(ids, 3, load<i32>(poolIds + (<usize>s3 << 2)));
      } else {
        const r0 = <i32>draw((state += STEP), n);
        const r1 = <i32>draw((state += STEP), n);
        const r2 = <i32>draw((state += STEP), n);
        const r3 = <i32>draw((state += STEP), n);
        p0 = (r0 >= lo && r0 < hi ? live : snapshot) + <usize>r0 * 12;
        p1 = (r1 >= lo && r1 < hi ? live : snapshot) + <usize>r1 * 12;
        p2 = (r2 >= lo && r2 < hi ? live : snapshot) + <usize>r2 * 12;
        p3 = (r3 >= lo && r3 < hi ? live : snapshot) + <usize>r3 * 12;
        ids = i32x4.replace_lane(i32x4.replace_lane(i32x4.replace_lane(i32x4.splat(r0), 1, r1), 2, r2), 3, r3);
      }
      if (q == 0) {
        p0 = (tailOwn ? live : snapshot) + <usize>k * 12;
        ids = i32x4.replace_lane(ids, 0, k);
      }
      const nx = f32x4.sub(f32x4.splat(x), gather(p0, p1, p2, p3, 0));
      const ny = f32x4.sub(f32x4.splat(y), gather(p0, p1, p2, p3, 4));
      const nz = f32x4.sub(f32x4.splat(z), gather(p0, p1, p2, p3, 8));
      const nd2 = f32x4.add(f32x4.add(f32x4.mul(nx, nx), f32x4.mul(ny, ny)), f32x4.mul(nz, nz));
      // A slot counts if it is one of this sample's, not the point itself, and not coincident
      // with it (no defined direction to pull or push).
      const slot = i32x4.add(LANE, i32x4.splat(q));
      const use = v128.and(
        v128.and(i32x4.ne(ids, i32x4.splat(j)), f32x4.gt(nd2, f32x4.splat(0))),
        i32x4.le_s(slot, i32x4.splat(negatives)),
      );
      // Attraction -2ab·d^(2(b-1)) / (1 + a·d^(2b)), repulsion 2γb / ((0.001 + d²)(1 + a·d^(2b))).
      const pb = pow4(nd2, b);
      const attract = i32x4.eq(slot, i32x4.splat(0));
      const numerator = v128.bitselect(f32x4.mul(f32x4.splat(-twoAB), pb), twoGammaB, attract);
      const distance = v128.bitselect(nd2, f32x4.add(f32x4.splat(0.001), nd2), attract);
      const coeff = f32x4.div(numerator, f32x4.mul(distance, f32x4.add(f32x4.mul(f32x4.splat(a), pb), f32x4.splat(1))));
      const gx = v128.and(clip4(f32x4.mul(coeff, nx)), use);
      const gy = v128.and(clip4(f32x4.mul(coeff, ny)), use);
      const gz = v128.and(clip4(f32x4.mul(coeff, nz)), use);
      if (q == 0) {
        tx = f32x4.extract_lane(gx, 0) * alpha;
        ty = f32x4.extract_lane(gy, 0) * alpha;
        tz = f32x4.extract_lane(gz, 0) * alpha;
      }
      px = f32x4.add(px, gx);
      py = f32x4.add(py, gy);
      pz = f32x4.add(pz, gz);
    }
    store<f32>(pj, x + sum4(px) * alpha);
    store<f32>(pj, y + sum4(py) * alpha, 4);
    store<f32>(pj, z + sum4(pz) * alpha, 8);
    // The tail is pulled back by as much (into the other partition's queue when it is not ours).
    const qk = (tailOwn ? live : out) + <usize>k * 12;
    store<f32>(qk, load<f32>(qk) - tx);
    store<f32>(qk, load<f32>(qk, 4) - ty, 4);
    store<f32>(qk, load<f32>(qk, 8) - tz, 8);
  }
  return state;
}

/** One coordinate (byte offset `at` in the row) of four rows, one per lane. */
@inline function gather(p0: usize, p1: usize, p2: usize, p3: usize, at: usize): v128 {
  let v = f32x4.splat(load<f32>(p0 + at));
  v = f32x4.replace_lane(v, 1, load<f32>(p1 + at));
  v = f32x4.replace_lane(v, 2, load<f32>(p2 + at));
  return f32x4.replace_lane(v, 3, load<f32>(p3 + at));
}
