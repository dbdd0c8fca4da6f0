import type { AnalysisDescription } from '../../shared/api-types.ts';
import type { ColumnType } from '../../shared/table.ts';
import type { AnalysisPart, ReportArrays, ReportDocument } from '../insights/report/assemble.ts';

/** What the report worker is given: the document as read, and where the analysis' and table's files are. */
export interface ReportRequest {
  document: ReportDocument;
  analysis: AnalysisDescription;
  arrayPaths: Record<keyof ReportArrays, string>;
  table: { rowCount: number; columns: { name: string; type: ColumnType; identifier: boolean; path: string }[] };
}

export type ReportReply = { ok: true; part: AnalysisPart } | { ok: false; message: string };
