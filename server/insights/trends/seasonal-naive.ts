/** A season counts as present when the series correlates with itself one season back at least this much. */
export const SEASON_MIN_AUTOCORRELATION = 0.3;

/** Autocorrelation of `y` at `lag` (the usual estimator: lagged covariance over the variance); 0 for a constant series. */
export function autocorrelation(y: ArrayLike<number>, lag: number): number {
  const n = y.length;
  let mean = 0;
  for (let t = 0; t < n; t++) mean += y[t];
  mean /= n;
  let variance = 0;
  for (let t = 0; t < n; t++) variance += (y[t] - mean) ** 2;
  if (variance === 0 || lag >= n) return 0;
  let covariance = 0;
  for (let t = lag; t < n; t++) covariance += (y[t] - mean) * (y[t - lag] - mean);
  return covariance / variance;
}

/** Whether `y` shows a season of `season` periods: at least two full seasons and a clear autocorrelation one season back. */
export function hasSeason(y: ArrayLike<number>, season: number | null): season is number {
  return season !== null && season >= 2 && y.length >= 2 * season && autocorrelation(y, season) >= SEASON_MIN_AUTOCORRELATION;
}

/** Each future period repeats the same period of the last season seen. */
export function seasonalNaiveForecast(y: ArrayLike<number>, season: number, horizon: number): number[] {
  const n = y.length;
  return Array.from({ length: horizon }, (_, k) => y[n - season + (k % season)]);
}
