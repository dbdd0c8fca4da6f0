import type { AnalysisSummary } from '../../../shared/analysis-result.ts';
import type { QualityReport } from '../../../shared/insights/quality.ts';
import type { ColumnProfile } from '../../../shared/profile.ts';
import type { Table } from '../../../shared/table.ts';
import type { AskContext } from './ask-context.ts';
import { askDocuments } from './ask-documents.ts';
import { RetrievalIndex } from './retrieval-index.ts';
import { buildVocabulary } from './vocabulary.ts';

export interface AskContextInput {
  analysisId: string;
  datasetName: string;
  table: Table;
  profiles: readonly ColumnProfile[];
  summary: AnalysisSummary;
  rowIndex: Uint32Array;
  cluster: Int32Array;
  quality: QualityReport | null;
}

/** The vocabulary and the retrieval index of an analysis, from its table and results (no I/O; the index is built in chunks). */
export async function buildAskContext(input: AskContextInput): Promise<AskContext> {
  const { table, profiles, summary, quality } = input;
  const vocabulary = buildVocabulary(
    table.columns.map((c) => ({ name: c.name, type: c.data.type, levels: c.data.type === 'category' || c.data.type === 'boolean' ? c.data.dictionary : undefined })),
  );
  const index = await RetrievalIndex.build(askDocuments({ table, profiles, summary, vocabulary, quality }));
  return { analysisId: input.analysisId, datasetName: input.datasetName, table, summary, rowIndex: input.rowIndex, cluster: input.cluster, vocabulary, index };
}
