/**
 * Holt's linear trend (double exponential smoothing): a level and a slope, each smoothed.
 *   level_t = α·y_t + (1 − α)(level_{t−1} + trend_{t−1})
 *   trend_t = β(level_t − level_{t−1}) + (1 − β)·trend_{t−1}
 * started at level_0 = y_0, trend_0 = y_1 − y_0; the forecast k steps ahead is level + k·trend.
 */
export interface HoltFit {
  alpha: number;
  beta: number;
  level: number;
  trend: number;
}

/** The smoothing parameters tried: a coarse grid is enough for a few dozen periods, and it is deterministic. */
export const HOLT_GRID: readonly number[] = [0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];

/** Runs the recursion over `y` (length ≥ 2); returns the final state and the sum of squared one-step errors from y_2 on. */
export function holtRun(y: ArrayLike<number>, alpha: number, beta: number): HoltFit & { sse: number } {
  let level = y[0];
  let trend = y[1] - y[0];
  let sse = 0;
  for (let t = 1; t < y.length; t++) {
    const predicted = level + trend;
    if (t >= 2) sse += (y[t] - predicted) ** 2;
    const previous = level;
    level = alpha * y[t] + (1 - alpha) * predicted;
    trend = beta * (level - previous) + (1 - beta) * trend;
  }
  return { alpha, beta, level, trend, sse };
}

/** The grid's (α, β) with the smallest one-step squared error on `y` (length ≥ 3); the first such in grid order on a tie. */
export function fitHolt(y: ArrayLike<number>): HoltFit {
  let best: (HoltFit & { sse: number }) | null = null;
  for (const alpha of HOLT_GRID) {
    for (const beta of HOLT_GRID) {
      const run = holtRun(y, alpha, beta);
      if (!best || run.sse < best.sse) best = run;
    }
  }
  const { alpha, beta, level, trend } = best!;
  return { alpha, beta, level, trend };
}

export function holtForecast(fit: HoltFit, horizon: number): number[] {
  return Array.from({ length: horizon }, (_, k) => fit.level + (k + 1) * fit.trend);
}
