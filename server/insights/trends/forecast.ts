import type { ForecastMethod, TrendForecast } from '../../../shared/insights/trends.ts';
import { forecastError } from './forecast-error.ts';
import { fitHolt, holtForecast } from './holt.ts';
import { hasSeason, seasonalNaiveForecast } from './seasonal-naive.ts';

/** Periods a forecast is fitted on at least (Holt needs 3 for one one-step error; 4 gives it a little more). */
export const MIN_TRAINING_PERIODS = 4;

export interface ForecastOptions {
  horizon: number;
  /** The season the period may repeat with (periods.ts), null for none. */
  season: number | null;
  /** Counts: a forecast below 0 is read as 0. */
  nonNegative: boolean;
}

/**
 * Forecasts the next `horizon` periods of `series` (NaN = no value that period). The last
 * min(horizon, ⌊n/4⌋) periods are held out; Holt's linear trend and, when the training part shows
 * its season, the seasonal naive forecast are fitted on the rest and scored on that tail; the one
 * with the smaller MAE (Holt on a tie) is refitted on the whole series for the forecast.
 */
export function forecastSeries(series: Float64Array, options: ForecastOptions): { forecast: TrendForecast } | { note: string } {
  const y = filledSeries(series);
  if (!y) return { note: 'This cluster has no value in any period.' };
  const tail = Math.min(options.horizon, Math.floor(y.length / 4));
  if (tail < 1 || y.length - tail < MIN_TRAINING_PERIODS) {
    return { note: `Too few periods (${y.length}) to hold out a tail and forecast: at least ${MIN_TRAINING_PERIODS + 1} are needed.` };
  }
  const train = y.subarray(0, y.length - tail);
  const actual = y.subarray(y.length - tail);
  const clamp = (values: number[]) => (options.nonNegative ? values.map((v) => Math.max(0, v)) : values);
  const predict = (method: ForecastMethod, history: Float64Array, steps: number): number[] =>
    clamp(method === 'holt' ? holtForecast(fitHolt(history), steps) : seasonalNaiveForecast(history, options.season!, steps));

  const methods: ForecastMethod[] = hasSeason(train, options.season) ? ['holt', 'seasonal-naive'] : ['holt'];
  const scored = methods.map((method) => ({ method, error: forecastError(actual, predict(method, train, tail)) }));
  const best = scored.reduce((a, b) => (b.error.mae < a.error.mae ? b : a));
  const lastValue = forecastError(actual, new Array<number>(tail).fill(train[train.length - 1]));
  const candidates = [...scored.map((s) => ({ method: s.method, mae: s.error.mae, smape: s.error.smape })), { method: 'last-value' as const, mae: lastValue.mae, smape: lastValue.smape }];

  const fit = best.method === 'holt' ? fitHolt(y) : null;
  return {
    forecast: {
      method: best.method,
      parameters: fit ? { alpha: fit.alpha, beta: fit.beta } : { season: options.season! },
      values: fit ? clamp(holtForecast(fit, options.horizon)) : predict('seasonal-naive', y, options.horizon),
      heldOut: best.error,
      candidates,
    },
  };
}

/**
 * The series from its first value on, gaps (periods without a value, only possible for means)
 * filled by linear interpolation between their neighbours, or the last value at the end; null
 * when there is no value at all.
 */
export function filledSeries(series: Float64Array): Float64Array | null {
  const start = series.findIndex((v) => !Number.isNaN(v));
  if (start < 0) return null;
  const y = series.slice(start);
  let previous = 0;
  for (let t = 1; t < y.length; t++) {
    if (!Number.isNaN(y[t])) {
      previous = t;
      continue;
    }
    let next = t;
    while (next < y.length && Number.isNaN(y[next])) next++;
    for (let g = t; g < next; g++) y[g] = next < y.length ? y[previous] + ((y[next] - y[previous]) * (g - previous)) / (next - previous) : y[previous];
    t = next - 1;
  }
  return y;
}
