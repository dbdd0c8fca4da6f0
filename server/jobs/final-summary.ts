import type { AnalysisDescription } from '../../shared/api-types.ts';
import type { PipelineOutput } from '../analysis/pipeline-types.ts';
import { jointFitNote } from '../analysis/drift/joint-fit-note.ts';
import type { DatasetCatalog } from '../store/dataset-catalog.ts';

/** The summary stored with a finished analysis: a comparison dataset (two in one) says in its notes that they share one fit. */
export function finalSummary(datasets: DatasetCatalog, analysis: AnalysisDescription, summary: PipelineOutput['summary']): PipelineOutput['summary'] {
  const comparison = datasets.has(analysis.datasetId) ? datasets.get(analysis.datasetId).comparison : undefined;
  return comparison ? { ...summary, notes: [jointFitNote(comparison, analysis.params), ...summary.notes] } : summary;
}
