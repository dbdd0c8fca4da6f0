import type { ColumnType } from './table.ts';

/**
 * What the dataset page shows about each column. Statistics are over present values only;
 * they are null when a column has none. Datetime figures are epoch milliseconds (UTC).
 */
export interface Quantiles {
  p05: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

/** `counts[i]` values fall in [edges[i], edges[i + 1]) (the last bin includes its right edge). */
export interface Histogram {
  edges: number[];
  counts: number[];
}

export interface ValueCount {
  value: string;
  count: number;
}

interface ProfileBase {
  name: string;
  type: ColumnType;
  identifier: boolean;
  /** Rows in the table. */
  count: number;
  missing: number;
  distinct: number;
}

export interface NumericProfile extends ProfileBase {
  type: 'number' | 'datetime';
  min: number | null;
  max: number | null;
  mean: number | null;
  /** Sample standard deviation (n − 1), 0 for a single value. */
  std: number | null;
  /** Linear interpolation between order statistics (R type 7, numpy's and d3's default). */
  quantiles: Quantiles | null;
  histogram: Histogram | null;
}

export interface CategoricalProfile extends ProfileBase {
  type: 'category' | 'boolean';
  /** Most frequent values first (at most 20); ties keep dictionary order. */
  top: ValueCount[];
}

export interface TextProfile extends ProfileBase {
  type: 'text';
  /** Mean length in characters of present values. */
  averageLength: number | null;
  top: ValueCount[];
}

export type ColumnProfile = NumericProfile | CategoricalProfile | TextProfile;

export interface TableProfile {
  rowCount: number;
  columns: ColumnProfile[];
}
