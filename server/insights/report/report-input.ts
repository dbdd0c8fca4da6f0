import type { ColumnDescription } from '../../../shared/api-types.ts';
import type { AnalysisSummary, AnomalyDescription, ClusterTrait } from '../../../shared/analysis-result.ts';
import type { SharedAnswer } from '../../../shared/insights/ask.ts';
import type { QualityReport } from '../../../shared/insights/quality.ts';
import type { Snapshot } from './snapshot.ts';

/**
 * Everything the findings report shows, gathered by the server (report-service.ts) and turned
 * into one HTML file by renderReport. Plain data: the renderer reads nothing else.
 */
export interface ReportInput {
  title: string;
  /** Unix ms: when the report was made, and when the session was. */
  generatedAt: number;
  sessionCreatedAt: number;
  dataset: { name: string; rowCount: number; columns: ColumnDescription[] };
  /** Null while the session has no finished analysis. */
  analysis: ReportAnalysis | null;
  /** The dataset's quality report, when one exists. */
  quality?: QualityReport;
  /** The bookmarks in tour order, or (none saved) one view of what the session shows now. */
  views: ReportView[];
  viewsAreBookmarks: boolean;
  /** Notes not shown under a view (pinned to a position, or to rows no view keeps). */
  notes: ReportNote[];
  /** All the session's notes, those under views included. */
  noteCount: number;
  answers: SharedAnswer[];
}

export interface ReportAnalysis {
  summary: AnalysisSummary;
  /** In displayed numbers (the session's), largest first as the analysis orders them. */
  clusters: ReportCluster[];
  clusterStats: ClusterStatsTable;
  anomalies: ReportAnomaly[];
}

export interface ReportCluster {
  /** Displayed id (C1 is id 0). */
  id: number;
  label: string;
  size: number;
  /** Fraction of the analysed points. */
  share: number;
  paragraph?: string;
  traits: ReportTrait[];
  /** #rrggbb, the colour the session gives it. */
  color: string;
}

export type ReportTrait = ClusterTrait & { restShare?: number; lift?: number };

export interface ReportAnomaly extends AnomalyDescription {
  /** The row's identifier (first identifier column), when the dataset has one. */
  rowLabel?: string;
}

/** A compact per-cluster table of the columns that tell the clusters apart. */
export interface ClusterStatsTable {
  columns: { name: string; kind: 'number' | 'category' }[];
  /** One row per cluster (displayed id; -1 noise), then the whole analysis (id null). */
  rows: { id: number | null; size: number; cells: ClusterStatsCell[] }[];
}

export type ClusterStatsCell =
  | { kind: 'number'; mean: number; sd: number; missing: number }
  | { kind: 'category'; top: string | null; share: number; missing: number };

export interface ReportView {
  title: string;
  author?: string;
  createdAt?: number;
  /** Where the picture was taken from, in words (the bookmark, the presenter's pose, a framing of the points). */
  pose: string;
  /** The view's filters in words, e.g. "body_mass_g from 4,000 to 6,000". */
  filters: string[];
  /** The picture of the view with its legend, or null (then `noPicture` says why). */
  snapshot: Snapshot | null;
  noPicture?: string;
  notes: ReportNote[];
}

export interface ReportNote {
  text: string;
  author: string;
  createdAt: number;
  color: string;
  rowIndex: number | null;
  rowLabel?: string;
}
