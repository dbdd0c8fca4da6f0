import type { AnalysisParams } from '../../../shared/analysis-params.ts';
import { infoNote, type AnalysisNote } from '../../../shared/analysis-result.ts';
import type { DatasetComparison } from '../../../shared/api-types.ts';

const METHOD_NAMES: Record<AnalysisParams['reduction']['method'], string> = { umap: 'UMAP', tsne: 't-SNE', pca: 'PCA' };

/**
 * What an analysis of a comparison dataset did, said in its notes: both datasets were embedded
 * in one fit (not the second placed with the first's model), so positions compare directly.
 */
export function jointFitNote(comparison: DatasetComparison, params: AnalysisParams): AnalysisNote {
  const method = METHOD_NAMES[params.reduction.method];
  return infoNote(
    `Both versions embedded together (joint ${method} fit): the rows of "${comparison.reference.label}" and "${comparison.current.label}" ` +
      `were laid out in one run on their shared columns, so where they sit compares directly; the "${comparison.sourceColumn}" column names each row's dataset.`,
  );
}
