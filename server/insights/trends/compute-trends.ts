import type { ClusterTrend, TrendPeriod, TrendsResponse } from '../../../shared/insights/trends.ts';
import { clusterSeries, pointDateRange } from './cluster-series.ts';
import { forecastSeries } from './forecast.ts';
import { choosePeriod, MAX_PERIODS, periodCount, periodStart, seasonLength } from './periods.ts';

export interface TrendsInput {
  analysisId: string;
  /** The date column's name and values per dataset row (epoch ms, NaN missing). */
  date: { name: string; values: Float64Array };
  /** The numeric column to average, or null for counts. */
  value: { name: string; values: Float64Array } | null;
  rowIndex: Uint32Array;
  cluster: Int32Array;
  period: TrendPeriod | 'auto';
  horizon: number;
  /** Raw cluster id → the id the session shows. */
  shown?: ReadonlyMap<number, number>;
}

/** Why trends cannot be computed for this input, in a sentence for the asker. */
export class TrendsInputError extends Error {
  readonly code = 'invalid_request';
}

/** Per cluster, the series over the date column's periods and its forecast (docs/analysis.md § Trends). Pure and deterministic. */
export function computeTrends(input: TrendsInput): TrendsResponse {
  const range = pointDateRange(input.date.values, input.rowIndex);
  if (!range) throw new TrendsInputError(`Column "${input.date.name}" has no date in any point of this analysis.`);
  const period = input.period === 'auto' ? choosePeriod(range.first, range.last) : input.period;
  const count = periodCount(range.first, range.last, period);
  if (count > MAX_PERIODS) {
    throw new TrendsInputError(`The dates span ${count} ${period}s; at most ${MAX_PERIODS} periods are charted: choose a longer period.`);
  }
  const table = clusterSeries({ dates: input.date.values, values: input.value?.values, rowIndex: input.rowIndex, cluster: input.cluster, period }, range);
  const season = seasonLength(period);
  const clusters = table.clusters.map((c): ClusterTrend => {
    const result = forecastSeries(c.values, { horizon: input.horizon, season, nonNegative: input.value === null });
    return {
      id: c.id,
      shown: input.shown?.get(c.id) ?? c.id,
      rows: c.rows,
      values: Array.from(c.values, (v) => (Number.isNaN(v) ? null : v)),
      ...('forecast' in result ? { forecast: result.forecast } : { forecast: null, note: result.note }),
    };
  });
  const iso = (ordinal: number) => new Date(periodStart(ordinal, period)).toISOString();
  return {
    analysisId: input.analysisId,
    date: input.date.name,
    value: input.value?.name ?? null,
    period,
    periodStarts: Array.from({ length: table.length }, (_, k) => iso(table.firstOrdinal + k)),
    forecastStarts: Array.from({ length: input.horizon }, (_, k) => iso(table.firstOrdinal + table.length + k)),
    horizon: input.horizon,
    missingDates: table.missingDates,
    clusters,
  };
}
