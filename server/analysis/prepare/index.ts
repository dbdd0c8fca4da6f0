import type { AnalysisParams } from '../../../shared/analysis-params.ts';
import type { Table } from '../../../shared/table.ts';
import type { Matrix } from '../matrix.ts';
import type { ExcludedColumn, FeatureEncoding, MissingByColumn } from '../../../shared/analysis-result.ts';
import { encodeFeatures } from './encode.ts';
import { handleMissing } from './missing.ts';
import { selectFeatures } from './select-features.ts';
import { appendTextFeatures } from './text-block.ts';
import type { TextFeatures } from '../text/text-features.ts';

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
  /** Free-text columns turned into word features (params.text), with their TF-IDF for the explanations. */
  text: TextFeatures[];
}

/**
 * Table → numeric feature matrix: select columns, handle missing values, encode and scale, then
 * append the word features of free-text columns (a missing text is an empty document, never a
 * dropped row).
 */
export function prepareFeatures(table: Table, params: AnalysisParams): PreparedFeatures {
  const { columns, text: textColumns, excluded } = selectFeatures(table, params);
  const missing = handleMissing(columns, table.rowCount, params.missing);
  const encoded = encodeFeatures(missing.columns, missing.rowIndex, params.normalization, undefined, textColumns.length > 0);
  const { neighbourStep } = encoded;
  const block = textColumns.length > 0 && params.text ? appendTextFeatures(encoded.matrix, textColumns, missing.rowIndex, params.text.dimensions, neighbourStep?.distance ?? 0) : null;
  return {
    matrix: block?.matrix ?? encoded.matrix,
    rowIndex: missing.rowIndex,
    encodings: [...encoded.encodings, ...(block?.encodings ?? [])],
    neighbourStep,
    excluded,
    droppedRows: missing.droppedRows,
    imputedCells: missing.imputedCells,
    missingByColumn: missing.byColumn,
    text: block?.text ?? [],
  };
}

export { FeatureSelectionError } from './select-features.ts';
export { NoRowsLeftError } from './missing.ts';
export { TextFeatureError } from '../text/text-features.ts';
