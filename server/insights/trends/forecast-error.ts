import type { HeldOutError } from '../../../shared/insights/trends.ts';

/** MAE, MAPE (null when an actual is 0) and sMAPE of `forecast` against `actual` (same length ≥ 1). */
export function forecastError(actual: ArrayLike<number>, forecast: ArrayLike<number>): HeldOutError {
  const n = actual.length;
  let absolute = 0;
  let percentage = 0;
  let symmetric = 0;
  let zeroActual = false;
  for (let t = 0; t < n; t++) {
    const a = actual[t];
    const f = forecast[t];
    const error = Math.abs(a - f);
    absolute += error;
    if (a === 0) zeroActual = true;
    else percentage += error / Math.abs(a);
    const scale = Math.abs(a) + Math.abs(f);
    symmetric += scale === 0 ? 0 : (2 * error) / scale;
  }
  return { periods: n, mae: absolute / n, mape: zeroActual ? null : (100 * percentage) / n, smape: (100 * symmetric) / n };
}
