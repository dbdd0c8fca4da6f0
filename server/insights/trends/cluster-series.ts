import type { TrendPeriod } from '../../../shared/insights/trends.ts';
import { periodOrdinal } from './periods.ts';

export interface SeriesInput {
  /** Per dataset row: epoch milliseconds, NaN when missing. */
  dates: Float64Array;
  /** Per dataset row: the value to average, NaN when missing; absent → counts. */
  values?: Float64Array;
  /** Per point: its dataset row and cluster (-1 noise). */
  rowIndex: Uint32Array;
  cluster: Int32Array;
  period: TrendPeriod;
}

export interface ClusterSeries {
  id: number;
  /** Points of this cluster with a date. */
  rows: number;
  /** Per period: the count, or the mean (NaN: no value in that period). */
  values: Float64Array;
}

export interface SeriesTable {
  /** Ordinal of the first period (periods.ts); the series run over `length` consecutive periods. */
  firstOrdinal: number;
  length: number;
  /** Points without a date (left out). */
  missingDates: number;
  /** Ascending by cluster id, noise (-1) first when there is any. */
  clusters: ClusterSeries[];
}

/** The date range of the points (epoch ms), or null when none has a date. */
export function pointDateRange(dates: Float64Array, rowIndex: Uint32Array): { first: number; last: number } | null {
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < rowIndex.length; i++) {
    const t = dates[rowIndex[i]];
    if (Number.isNaN(t)) continue;
    if (t < first) first = t;
    if (t > last) last = t;
  }
  return first === Infinity ? null : { first, last };
}

/**
 * Per cluster, the count of its points per period (or the mean of `values` over its points with
 * a value), over one period axis from the earliest to the latest date of all points, so every
 * cluster's series lines up. Empty periods count 0 (a mean there is NaN).
 */
export function clusterSeries(input: SeriesInput, range: { first: number; last: number }): SeriesTable {
  const { dates, values, rowIndex, cluster, period } = input;
  const firstOrdinal = periodOrdinal(range.first, period);
  const length = periodOrdinal(range.last, period) - firstOrdinal + 1;
  const ids = [...new Set(cluster)].sort((a, b) => a - b);
  const slot = new Map(ids.map((id, k) => [id, k]));
  const sums = ids.map(() => new Float64Array(length));
  const counts = ids.map(() => new Float64Array(length));
  const rows = new Array<number>(ids.length).fill(0);
  let missingDates = 0;
  for (let i = 0; i < rowIndex.length; i++) {
    const row = rowIndex[i];
    const t = dates[row];
    if (Number.isNaN(t)) {
      missingDates++;
      continue;
    }
    const k = slot.get(cluster[i])!;
    const p = periodOrdinal(t, period) - firstOrdinal;
    rows[k]++;
    if (!values) {
      counts[k][p]++;
      continue;
    }
    const v = values[row];
    if (Number.isNaN(v)) continue;
    sums[k][p] += v;
    counts[k][p]++;
  }
  const clusters = ids.map((id, k) => ({
    id,
    rows: rows[k],
    values: values ? sums[k].map((s, p) => (counts[k][p] > 0 ? s / counts[k][p] : Number.NaN)) : counts[k],
  }));
  return { firstOrdinal, length, missingDates, clusters };
}
