import type { Matrix } from '../matrix.ts';
import { assertScorable } from './errors.ts';

/**
 * Robust z-score anomaly: per column, |x − median| / (1.4826 · MAD) (the MAD scaled to equal
 * σ for normal data, so one wild value cannot hide itself by inflating the spread; columns
 * whose MAD is 0 fall back to 1.2533 · mean absolute deviation, also σ-consistent, and
 * constant columns are skipped). A row's statistic is its largest |z| over the columns.
 *
 * Mapped to [0, 1] as the probability that a row of independent normal columns would have a
 * smaller largest |z|: erf(z / √2)^m, m the number of columns used. So 0.5 is a typical row,
 * and the score already accounts for the look-elsewhere effect of many columns.
 */
export function zScoreAnomaly(x: Matrix): Float32Array {
  assertScorable(x, 'z-score anomaly');
  const { rows: n, cols: d, data } = x;
  const maxZ = new Float64Array(n);
  const column = new Float64Array(n);
  let used = 0;
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < n; i++) column[i] = data[i * d + j];
    const centre = median(column);
    for (let i = 0; i < n; i++) column[i] = Math.abs(data[i * d + j] - centre);
    let scale = 1.4826 * median(column);
    if (!(scale > 0)) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += Math.abs(data[i * d + j] - centre);
      scale = (1.2533 * sum) / n;
    }
    if (!(scale > 0)) continue;
    used++;
    for (let i = 0; i < n; i++) {
      const z = Math.abs(data[i * d + j] - centre) / scale;
      if (z > maxZ[i]) maxZ[i] = z;
    }
  }
  const scores = new Float32Array(n);
  for (let i = 0; i < n; i++) scores[i] = used === 0 ? 0 : Math.pow(erf(maxZ[i] / Math.SQRT2), used);
  return scores;
}

/** Median; reorders `values`. */
function median(values: Float64Array): number {
  values.sort();
  const m = values.length;
  return m % 2 === 1 ? values[(m - 1) / 2] : (values[m / 2 - 1] + values[m / 2]) / 2;
}

/** Error function for x ≥ 0 (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7; exact 0 at 0). */
export function erf(x: number): number {
  if (x <= 0) return 0;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return 1 - poly * Math.exp(-x * x);
}
