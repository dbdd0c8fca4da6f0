/**
 * The squared Cauchy kernel q² = 1 / (1 + r²)² blurred by a Gaussian (variance σ² per axis),
 * tabulated in r². A grid whose nodes are farther apart than the kernel is wide cannot
 * interpolate q² (two points sharing a node would repel as if they coincided); it interpolates
 * this smooth kernel instead, and the pairs the blur changes most, the near neighbours, are put
 * right exactly over the sparse P (see fft-repulsion.ts).
 *
 * Layout of a table: [0] the r² step between samples (0: no blur, the plain kernel), [1] σ,
 * then TABLE_SIZE + 1 samples. Beyond the last sample the blur is under 1% and the plain kernel
 * is used.
 */
export const TABLE_SIZE = 4096;
/** Tabulated up to r = RANGE·σ, where the blur changes q² by ~6σ²/r² < 1%. */
const RANGE = 25;

export const squaredCauchy = (r2: number) => 1 / ((1 + r2) * (1 + r2));

export function createKernelTable(shared: boolean): Float64Array {
  const bytes = 8 * (TABLE_SIZE + 3);
  return new Float64Array(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
}

/** Fills `table` for blur σ (σ = 0: the plain kernel). */
export function fillKernelTable(table: Float64Array, sigma: number): void {
  table[1] = sigma;
  if (sigma <= 0) {
    table[0] = 0;
    return;
  }
  const step = (RANGE * sigma) ** 2 / TABLE_SIZE;
  table[0] = step;
  for (let t = 0; t <= TABLE_SIZE; t++) table[2 + t] = blurred(Math.sqrt(t * step), sigma);
}

/** The table's kernel at r² (linear between samples). */
export function kernelAt(table: Float64Array, r2: number): number {
  const step = table[0];
  if (step === 0) return squaredCauchy(r2);
  const u = r2 / step;
  if (u >= TABLE_SIZE) return squaredCauchy(r2);
  const t = Math.floor(u);
  const f = u - t;
  return table[2 + t] * (1 - f) + table[3 + t] * f;
}

/**
 * (q² ⊛ Gaussian)(r) for a radial function in 3-D: the angular integral done in closed form,
 * (1 / (r σ √(2π))) ∫₀^∞ ρ q²(ρ) [e^{−(r−ρ)²/2σ²} − e^{−(r+ρ)²/2σ²}] dρ, by Simpson's rule
 * over ±8σ around r (and its limit √(2/π)/σ³ ∫ ρ² q²(ρ) e^{−ρ²/2σ²} dρ at r = 0).
 */
function blurred(r: number, sigma: number): number {
  const lo = Math.max(0, r - 8 * sigma);
  const hi = r + 8 * sigma;
  const steps = 256;
  const h = (hi - lo) / steps;
  const s2 = 2 * sigma * sigma;
  const f = (rho: number) => {
    const k = squaredCauchy(rho * rho);
    if (r < 1e-9 * sigma) return rho * rho * k * Math.exp(-(rho * rho) / s2);
    return rho * k * (Math.exp(-((r - rho) ** 2) / s2) - Math.exp(-((r + rho) ** 2) / s2));
  };
  let sum = f(lo) + f(hi);
  for (let i = 1; i < steps; i++) sum += (i % 2 === 1 ? 4 : 2) * f(lo + i * h);
  const integral = (sum * h) / 3;
  if (r < 1e-9 * sigma) return (Math.sqrt(2 / Math.PI) / sigma ** 3) * integral;
  return integral / (r * sigma * Math.sqrt(2 * Math.PI));
}
