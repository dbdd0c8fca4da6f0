/**
 * UMAP's low-dimensional similarity is 1 / (1 + a·d^(2b)). a and b are chosen, as in
 * umap-learn's find_ab_params, by least squares so that the curve matches the "offset
 * exponential" that min_dist and spread describe: 1 up to min_dist, then
 * exp(-(d - min_dist) / spread), sampled at 300 points of [0, 3·spread]. Solved with
 * Levenberg–Marquardt on two parameters.
 */
export function findAbParams(spread: number, minDist: number): { a: number; b: number } {
  const count = 300;
  const xs = new Float64Array(count);
  const ys = new Float64Array(count);
  for (let t = 0; t < count; t++) {
    const x = (3 * spread * t) / (count - 1);
    xs[t] = x;
    ys[t] = x < minDist ? 1 : Math.exp(-(x - minDist) / spread);
  }
  let a = 1;
  let b = 1;
  let lambda = 1e-3;
  let cost = sse(xs, ys, a, b);
  for (let iter = 0; iter < 200; iter++) {
    // Normal equations J^T J δ = J^T r for f(x) = 1 / (1 + a x^(2b)).
    let jaa = 0;
    let jab = 0;
    let jbb = 0;
    let ga = 0;
    let gb = 0;
    for (let t = 0; t < count; t++) {
      const x = xs[t];
      if (x === 0) continue; // f(0) = 1 whatever a and b: no information, and log(0) below.
      const p = Math.pow(x, 2 * b);
      const denom = 1 + a * p;
      const f = 1 / denom;
      const r = ys[t] - f;
      const dfa = -p / (denom * denom);
      const dfb = (-a * p * 2 * Math.log(x)) / (denom * denom);
      jaa += dfa * dfa;
      jab += dfa * dfb;
      jbb += dfb * dfb;
      ga += dfa * r;
      gb += dfb * r;
    }
    const m11 = jaa * (1 + lambda);
    const m22 = jbb * (1 + lambda);
    const det = m11 * m22 - jab * jab;
    if (det === 0) break;
    const da = (m22 * ga - jab * gb) / det;
    const db = (m11 * gb - jab * ga) / det;
    const next = sse(xs, ys, a + da, b + db);
    if (next < cost) {
      const converged = cost - next < 1e-14 * Math.max(1, cost);
      a += da;
      b += db;
      cost = next;
      lambda = Math.max(lambda / 10, 1e-12);
      if (converged) break;
    } else {
      lambda *= 10;
      if (lambda > 1e12) break;
    }
  }
  return { a, b };
}

function sse(xs: Float64Array, ys: Float64Array, a: number, b: number): number {
  let s = 0;
  for (let t = 0; t < xs.length; t++) {
    const r = ys[t] - 1 / (1 + a * Math.pow(xs[t], 2 * b));
    s += r * r;
  }
  return s;
}
