/**
 * Per-cluster trends over a date column with a forecast of the next periods: the contract of
 * `GET /api/analyses/:id/trends` (docs/http-api.md, docs/analysis.md § Trends).
 */
export const TREND_PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type TrendPeriod = (typeof TREND_PERIODS)[number];

export type ForecastMethod = 'holt' | 'seasonal-naive';

/** A forecast's error on the held-out tail of its series (the last `periods` periods, unseen while fitting). */
export interface HeldOutError {
  periods: number;
  /** Mean absolute error, in the series' unit (rows, or the value column's unit). */
  mae: number;
  /** Mean absolute percentage error (%); null when an actual value in the tail is 0. */
  mape: number | null;
  /** Symmetric MAPE (%), 2|a − f| / (|a| + |f|), 0 where both are 0; between 0 and 200. */
  smape: number;
}

export interface TrendForecast {
  /** The method that did best on the held-out tail (smaller MAE; Holt on a tie). */
  method: ForecastMethod;
  /** Holt's fitted smoothing parameters, or the season length of the seasonal naive forecast. */
  parameters: { alpha: number; beta: number } | { season: number };
  /** The next `horizon` periods, fitted on the whole series. */
  values: number[];
  heldOut: HeldOutError;
  /** Every method tried, with its held-out error: the chosen one, the other, and the naive last value as a baseline. */
  candidates: { method: ForecastMethod | 'last-value'; mae: number; smape: number }[];
}

export interface ClusterTrend {
  /** The analysis' own cluster id (-1 = noise). */
  id: number;
  /** The id the session shows it as, from `?clusters=raw:shown,…`; the raw id when not given. */
  shown: number;
  /** Points of this cluster with a date. */
  rows: number;
  /** One per period of `periodStarts`: the count of rows, or the mean of the value column (null: no value that period). */
  values: (number | null)[];
  /** Null when the series is too short to hold out a tail (`note` says why). */
  forecast: TrendForecast | null;
  note?: string;
}

export interface TrendsResponse {
  analysisId: string;
  date: string;
  /** The numeric column averaged per period, or null for counts. */
  value: string | null;
  period: TrendPeriod;
  /** ISO dates (UTC) at which each period starts. */
  periodStarts: string[];
  /** ISO dates at which each forecast period starts. */
  forecastStarts: string[];
  horizon: number;
  /** Points left out because their date is missing. */
  missingDates: number;
  clusters: ClusterTrend[];
}
