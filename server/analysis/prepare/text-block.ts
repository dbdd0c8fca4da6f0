import type { FeatureEncoding } from '../../../shared/analysis-result.ts';
import type { Column } from '../../../shared/table.ts';
import { createMatrix, type Matrix } from '../matrix.ts';
import { textFeatures, type TextFeatures } from '../text/text-features.ts';
import { neighbourStep } from './neighbour-step.ts';

/**
 * Word features have a seed of their own, not the analysis seed: like the neighbour step, the
 * features stay the same when only the layout's seed changes.
 */
const SVD_SEED = 0x2545f491;

export interface TextBlock {
  /** The feature matrix with each text column's weighted dimensions appended. */
  matrix: Matrix;
  encodings: FeatureEncoding[];
  text: TextFeatures[];
}

/**
 * Appends each free-text column's word features (TF-IDF → truncated SVD) to the encoded
 * matrix, weighed like a category in neighbour steps of the numeric columns — but a text's
 * distances are graded, not one fixed gap, so it is its own neighbour step (the median distance
 * to the 15th nearest row in the text space) that is made one numeric step: the rows nearest by
 * words lie as near as the rows nearest by numbers, and neither swamps the other where UMAP
 * looks. Text cannot dominate the global shape either: its distances are flat (most documents
 * nearly share no word, at most √2 unweighted, about two of its own steps), so a text unrelated
 * to the numbers reorders rows inside their islands instead of cutting new ones
 * (docs/analysis.md, "Free text as features"). Without numbers or dates the weight is 1.
 */
export function appendTextFeatures(encoded: Matrix, columns: Column[], rowIndex: Uint32Array, dimensions: number, step: number): TextBlock {
  const text = columns.map((c) => textFeatures(c, rowIndex, dimensions, SVD_SEED));
  const n = encoded.rows;
  const width = encoded.cols + text.reduce((s, t) => s + t.dimensions, 0);
  const matrix = createMatrix(n, width);
  for (let r = 0; r < n; r++) matrix.data.set(encoded.data.subarray(r * encoded.cols, (r + 1) * encoded.cols), r * width);
  let offset = encoded.cols;
  const encodings = text.map((t): FeatureEncoding => {
    const own = neighbourStep(Float32Array.from(t.values), n, t.dimensions);
    const weight = step > 0 && own > 0 ? step / own : 1;
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < t.dimensions; c++) matrix.data[r * width + offset + c] = weight * t.values[r * t.dimensions + c];
    }
    offset += t.dimensions;
    return {
      column: t.column,
      type: 'text',
      encoding: 'tfidf-svd',
      outputs: Array.from({ length: t.dimensions }, (_, c) => `${t.column}·svd${c + 1}`),
      weight,
      text: { terms: t.tfidf.terms.length, keptShare: t.keptShare },
    };
  });
  return { matrix, encodings, text };
}
