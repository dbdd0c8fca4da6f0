/**
 * A dataset's quality report (computed at import, kept with the dataset) and the rules users
 * add to it: the contract of `GET /api/datasets/:id/quality` (docs/http-api.md).
 */
export type QualityFindingKind =
  | 'missing'
  | 'duplicate-rows'
  | 'constant'
  | 'unparsed-values'
  | 'outliers'
  | 'duplicate-ids'
  | 'mixed-magnitudes'
  | 'rule';

/** One dataset row as shown in an example: its 0-based index and its cells by column name. */
export interface QualityExampleRow {
  rowIndex: number;
  values: Record<string, string | number | boolean | null>;
}

export interface QualityFinding {
  kind: QualityFindingKind;
  column?: string;
  /** Rows (or cells) concerned. */
  count: number;
  /** A few of them, at most 5. */
  examples: QualityExampleRow[];
  /** One plain sentence, e.g. "body_mass_g: 2 values are not numbers ("n/a", "?")". */
  message: string;
  /**
   * All the rows concerned (0-based, canonical half-open ranges as in shared/session/ranges.ts),
   * for "select these rows"; absent where selecting makes no sense (a constant column).
   */
  rows?: number[];
}

export type QualityRuleInput =
  | { kind: 'not-null'; column: string }
  | { kind: 'unique'; column: string }
  | { kind: 'range'; column: string; min?: number; max?: number }
  | { kind: 'allowed-values'; column: string; values: string[] }
  | { kind: 'pattern'; column: string; pattern: string };

export type QualityRule = QualityRuleInput & {
  id: string;
  createdAt: number;
  /** Rows breaking the rule. */
  violations: number;
  /** Their 0-based dataset row indices as canonical half-open row ranges (shared/session ranges). */
  violatingRows: number[];
};

/** What a new version of a dataset broke relative to the version it replaces. */
export interface QualityAlert {
  kind: 'rule-violated' | 'missing-share-moved' | 'mean-moved' | 'new-category' | 'column-removed' | 'column-added';
  column?: string;
  message: string;
}

export interface QualityReport {
  datasetId: string;
  rowCount: number;
  findings: QualityFinding[];
  rules: QualityRule[];
  /** Present when this dataset replaces an earlier version. */
  replaces?: { datasetId: string; name: string; createdAt?: string; alerts: QualityAlert[] };
  /** What an analysis of this dataset did about missing values (asked with ?analysisId=). */
  analysis?: QualityAnalysisEffect;
}

/** Rows dropped or cells filled by one analysis, in total and per feature column. */
export interface QualityAnalysisEffect {
  analysisId: string;
  missing: 'drop' | 'impute';
  droppedRows: number;
  imputedCells: number;
  /** Feature columns with missing values: rows of the drop they account for (a row may count for several), cells filled. */
  byColumn: { column: string; droppedRows: number; imputedCells: number }[];
}
