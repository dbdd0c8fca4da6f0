import type { Column } from '../../../shared/table.ts';
import { DEFAULT_TFIDF, tfidf, type Tfidf } from './tfidf.ts';
import { truncatedSvd } from './truncated-svd.ts';

export class TextFeatureError extends Error {
  readonly code = 'bad_features';
  constructor(message: string) {
    super(message);
    this.name = 'TextFeatureError';
  }
}

/**
 * Two documents with no kept word in common lie √2 apart in the TF-IDF space (unit rows, no
 * shared term): the same gap as two levels of a one-hot category, and the largest there is.
 */
export const TEXT_GAP = Math.SQRT2;

export interface TextFeatures {
  column: string;
  /** rows × dimensions, row-major, unweighted: the TF-IDF rows on their leading SVD components. */
  values: Float64Array;
  dimensions: number;
  tfidf: Tfidf;
  /** Share of the TF-IDF matrix's variance (squared norm) the dimensions keep. */
  keptShare: number;
}

/**
 * A free-text column as `dimensions` numeric features: TF-IDF of the rows in `rowIndex` order
 * (a missing text is an empty document), reduced by seeded randomized SVD. Distances between
 * the reduced rows approximate the TF-IDF distances from below.
 */
export function textFeatures(column: Column, rowIndex: Uint32Array, dimensions: number, seed: number): TextFeatures {
  const data = column.data;
  if (data.type !== 'text') throw new TextFeatureError(`Column "${column.name}" is not free text; only text columns can be turned into word features.`);
  const documents = Array.from(rowIndex, (r) => data.values[r] ?? '');
  const model = tfidf(documents, DEFAULT_TFIDF);
  if (model.terms.length < 2) {
    throw new TextFeatureError(
      `Text column "${column.name}" has ${model.terms.length === 0 ? 'no word' : 'only one word'} that occurs in ${DEFAULT_TFIDF.minDocuments} or more rows: too little to compare rows by their text.`,
    );
  }
  const svd = truncatedSvd(model.matrix, dimensions, { seed });
  return { column: column.name, values: svd.coordinates, dimensions: svd.k, tfidf: model, keptShare: svd.keptShare };
}
