/**
 * The statistics drift is measured with, on plain arrays: population stability index,
 * the two-sample Kolmogorov–Smirnov test and Pearson's chi-square test. Pure and exact where
 * it is cheap; p-values from the usual asymptotic distributions (Numerical Recipes §6.2, §14.3).
 */

/** Share given to an empty bin so PSI stays finite (the common convention). */
export const PSI_EPSILON = 1e-4;

/** PSI = Σ (current − reference) · ln(current / reference) over bins of shares; empty shares count as ε. */
export function populationStabilityIndex(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  const r = shares(reference);
  const c = shares(current);
  let psi = 0;
  for (let i = 0; i < r.length; i++) {
    const a = Math.max(r[i], PSI_EPSILON);
    const b = Math.max(c[i], PSI_EPSILON);
    psi += (b - a) * Math.log(b / a);
  }
  return psi;
}

/** Counts → shares (all zeros stay zeros). */
export function shares(counts: ArrayLike<number>): number[] {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i];
  return Array.from(counts, (n) => (total > 0 ? n / total : 0));
}

/**
 * Two-sample Kolmogorov–Smirnov: D = the largest gap between the two empirical distribution
 * functions, and its asymptotic p-value with Stephens' small-sample correction. Inputs sorted ascending.
 */
export function kolmogorovSmirnov(a: Float64Array, b: Float64Array): { statistic: number; pValue: number } {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return { statistic: 0, pValue: 1 };
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const x = Math.min(a[i], b[j]);
    while (i < n && a[i] === x) i++;
    while (j < m && b[j] === x) j++;
    d = Math.max(d, Math.abs(i / n - j / m));
  }
  const en = Math.sqrt((n * m) / (n + m));
  return { statistic: d, pValue: kolmogorovQ((en + 0.12 + 0.11 / en) * d) };
}

/** Q_KS(λ) = 2 Σ_{j≥1} (−1)^{j−1} e^{−2 j² λ²}: the chance of a gap at least this large. */
export function kolmogorovQ(lambda: number): number {
  if (lambda < 1e-3) return 1;
  let sum = 0;
  let sign = 1;
  for (let j = 1; j <= 100; j++) {
    const term = sign * Math.exp(-2 * j * j * lambda * lambda);
    sum += term;
    if (Math.abs(term) < 1e-12 * Math.abs(sum)) break;
    sign = -sign;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/**
 * Pearson's chi-square test of homogeneity on a 2 × k table (reference counts, current counts):
 * categories empty on both sides are left out; df = (kept categories − 1).
 */
export function chiSquareHomogeneity(reference: ArrayLike<number>, current: ArrayLike<number>): { statistic: number; df: number; pValue: number } {
  let totalR = 0;
  let totalC = 0;
  for (let i = 0; i < reference.length; i++) {
    totalR += reference[i];
    totalC += current[i];
  }
  const total = totalR + totalC;
  let statistic = 0;
  let kept = 0;
  for (let i = 0; i < reference.length; i++) {
    const column = reference[i] + current[i];
    if (column === 0) continue;
    kept++;
    const expectedR = (totalR * column) / total;
    const expectedC = (totalC * column) / total;
    statistic += (reference[i] - expectedR) ** 2 / expectedR + (current[i] - expectedC) ** 2 / expectedC;
  }
  const df = kept - 1;
  if (df < 1 || totalR === 0 || totalC === 0) return { statistic: 0, df: Math.max(df, 0), pValue: 1 };
  return { statistic, df, pValue: chiSquareSurvival(statistic, df) };
}

/** P(X ≥ x) for X ~ χ²(df): the regularised upper incomplete gamma Q(df/2, x/2). */
export function chiSquareSurvival(x: number, df: number): number {
  if (x <= 0) return 1;
  return upperGammaQ(df / 2, x / 2);
}

function upperGammaQ(a: number, x: number): number {
  if (x < a + 1) return 1 - lowerSeries(a, x);
  return upperContinuedFraction(a, x);
}

function lowerSeries(a: number, x: number): number {
  let sum = 1 / a;
  let term = sum;
  for (let n = 1; n < 1000; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

function upperContinuedFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7). */
export function logGamma(x: number): number {
  const g = 7;
  const coef = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let sum = coef[0];
  for (let i = 1; i < g + 2; i++) sum += coef[i] / (y + i);
  const t = y + g + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}
