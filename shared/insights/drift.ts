/**
 * What moved between two datasets (or two versions of one): the contract of
 * `GET /api/datasets/:id/drift?against=<otherId>` (docs/http-api.md). `:id` is the reference
 * (the earlier version), `against` the current one. How the numbers are computed and the
 * thresholds behind `drifted`: docs/analysis.md#drift-between-two-datasets.
 */
export type DriftColumnKind = 'number' | 'category' | 'date';
export type DriftMetric = 'psi' | 'ks' | 'chi2';

export interface DriftHistogram {
  /** Bin labels: value ranges of the reference's quantile bins, or category values. */
  labels: string[];
  /** Share of each source's non-missing values per bin (each sums to 1, or all 0 when empty). */
  reference: number[];
  current: number[];
}

export interface DriftColumn {
  column: string;
  kind: DriftColumnKind;
  /** The metric that decided the ranking: PSI, unless PSI stays low and the test alone flags it. */
  metric: DriftMetric;
  value: number;
  drifted: boolean;
  /** Population stability index over the reference's quantile bins (numbers, dates) or categories. */
  psi: number;
  /** Numbers and dates: the two-sample Kolmogorov–Smirnov statistic D and its p-value. */
  ks?: { statistic: number; pValue: number };
  /** Categories: Pearson's chi-square of the 2 × categories table, its degrees of freedom and p-value. */
  chi2?: { statistic: number; df: number; pValue: number };
  /** Non-missing values compared on each side. */
  referenceCount: number;
  currentCount: number;
  /** One sentence: why it is (or is not) drifted. */
  reason: string;
  histogram: DriftHistogram;
}

export type RowMatch = 'identifier' | 'whole-row';

export interface DriftRows {
  /** Rows of the current dataset whose key is not in the reference. */
  added: number;
  /** Rows of the reference whose key is not in the current dataset. */
  removed: number;
  /** `identifier`: by the identifier column both share (named in `key`); `whole-row`: by all shared columns' values together. */
  matchedBy: RowMatch;
  key?: string;
  referenceRows: number;
  currentRows: number;
}

export interface DriftReport {
  reference: { datasetId: string; name: string; rows: number };
  current: { datasetId: string; name: string; rows: number };
  /** Most drifted first. */
  columns: DriftColumn[];
  rows: DriftRows;
  /** Shared columns left out (free text), with why. */
  skipped: { column: string; reason: string }[];
}

/** The thresholds behind `drifted` (docs/analysis.md). */
export const DRIFT_THRESHOLDS = {
  /** PSI above this is a significant shift (the usual credit-risk reading: < 0.1 stable, 0.1–0.2 moderate, > 0.2 shifted). */
  psi: 0.2,
  /** A test below this p-value flags a column… */
  pValue: 0.01,
  /** …only when the effect is large enough to matter: KS statistic D at least this… */
  ksMinEffect: 0.1,
  /** …or, for categories, PSI at least this (a tiny share move in a large table is significant but not drift). */
  chi2MinPsi: 0.1,
} as const;
