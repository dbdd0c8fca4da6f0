import type { AnalysisSummary } from '../../../shared/analysis-result.ts';
import type { Table } from '../../../shared/table.ts';
import type { RetrievalIndex } from './retrieval-index.ts';
import type { Vocabulary } from './vocabulary.ts';

/** Everything an answer reads about one analysis, built once on its first question (ask-service.ts). */
export interface AskContext {
  analysisId: string;
  datasetName: string;
  table: Table;
  summary: AnalysisSummary;
  /** Dataset row of each analysed point, and its cluster (raw ids, -1 noise). */
  rowIndex: Uint32Array;
  cluster: Int32Array;
  vocabulary: Vocabulary;
  index: RetrievalIndex;
}

/**
 * The cluster numbers of the asker's session: "cluster 3" is the cluster shown as C3, i.e. shown
 * id 2, and citations carry shown ids. Without a mapping shown ids are the analysis's raw ids.
 */
export interface ClusterNumbering {
  /** The raw id of the cluster the asker calls `asked` (1-based), or null when none is shown so. */
  rawOf(asked: number): number | null;
  /** The id the asker's session shows a raw cluster with (0-based; the interface writes it + 1). */
  shownOf(raw: number): number;
}

export function clusterNumbering(mapping: { raw: number[]; shown: number[] } | undefined, rawIds: readonly number[]): ClusterNumbering {
  const shown = new Map<number, number>();
  if (mapping) mapping.raw.forEach((r, i) => shown.set(r, mapping.shown[i]));
  const shownOf = (raw: number) => shown.get(raw) ?? raw;
  return {
    shownOf,
    rawOf: (asked) => rawIds.find((raw) => shownOf(raw) === asked - 1) ?? null,
  };
}

/** "cluster 3" as the asker's interface names it. */
export function clusterName(numbering: ClusterNumbering, raw: number): string {
  return `cluster ${numbering.shownOf(raw) + 1}`;
}
