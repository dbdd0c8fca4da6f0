import type { AnalysisParams } from '../../../shared/analysis-params.ts';
import type { Table } from '../../../shared/table.ts';
import type { Matrix } from '../matrix.ts';
import type { ExcludedColumn, FeatureEncoding, MissingByColumn } from '../../../shared/analysis-result.ts';
import { encodeFeatures } from './encode.ts';
import { handleMissing } from './missing.ts';
import { selectFeatures } from './select-features.ts';

export interface PreparedFeatures {
  matrix: Matrix;
  /** Dataset row of each matrix row. */
  rowIndex: Uint32Array;
  encodings: FeatureEncoding[];
  /** What discrete columns were weighed against (see encodeFeatures); absent without numbers or dates. */
  neighbourStep?: { k: number; distance: number };
  excluded: ExcludedColumn[];
  droppedRows: number;
  imputedCells: number;
  /** The same per feature column (see handleMissing). */
  missingByColumn: MissingByColumn[];
}

/** Table → numeric feature matrix: select columns, handle missing values, encode and scale. */
export function prepareFeatures(table: Table, params: AnalysisParams): PreparedFeatures {
  const { columns, excluded } = selectFeatures(table, params);
  const missing = handleMissing(columns, table.rowCount, params.missing);
  const { matrix, encodings, neighbourStep } = encodeFeatures(missing.columns, missing.rowIndex, params.normalization);
  return { matrix, rowIndex: missing.rowIndex, encodings, neighbourStep, excluded, droppedRows: missing.droppedRows, imputedCells: missing.imputedCells, missingByColumn: missing.byColumn };
}

export { FeatureSelectionError } from './select-features.ts';
export { NoRowsLeftError } from './missing.ts';
