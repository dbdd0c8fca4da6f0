import type { AnalysisSummary, ClusterDescription } from '../../../shared/analysis-result.ts';
import type { AnalysisDescription } from '../../../shared/api-types.ts';
import { clusterColor } from '../../../shared/encodings/color-encoding.ts';
import { pointOfRow, type PointContext } from '../../../shared/encodings/point-context.ts';
import { withDisplayedClusters } from '../../../shared/session/displayed-clusters.ts';
import type { Annotation, ClusterIds, Filter, Pose, ViewState } from '../../../shared/session/index.ts';
import { cellValue, type Column, type ColumnData, type Table } from '../../../shared/table.ts';
import { clusterStats } from './cluster-stats.ts';
import { describeFilter } from './format.ts';
import type { ReportAnalysis, ReportCluster, ReportNote, ReportView } from './report-input.ts';
import { drawSnapshot, type DrawnView, type SnapshotScene } from './snapshot.ts';

/** Bookmarks drawn at most (each picture is two PNGs of some hundred KiB). */
export const MAX_PICTURES = 40;

/** What the report reads of a session's document, as plain data (report-service.ts reads it). */
export interface ReportDocument {
  title: string;
  createdAt: number;
  analysisId: string | null;
  view: ViewState;
  filters: Filter[];
  /** The bookmarks in tour order, with the filters applying them gives now (bookmarkFilters). */
  bookmarks: { title: string; author: string; createdAt: number; view: ViewState; filters: Filter[]; camera: Pose & { up?: [number, number, number] }; staleClusterFilters: boolean }[];
  presenterPose: Pose | null;
  annotations: Annotation[];
  clusterIds: ClusterIds | null;
}

/** A finished analysis' per-point arrays, as stored (raw cluster ids). */
export interface ReportArrays {
  rowIndex: Uint32Array;
  positions: Float32Array;
  cluster: Int32Array;
  anomaly: Float32Array;
  anomalyFlag: Uint8Array;
}

/** The parts of the report that need the analysis and the table: pictures, clusters, anomalies, placed notes. */
export interface AnalysisPart {
  analysis: ReportAnalysis;
  views: ReportView[];
  notes: ReportNote[];
}

/**
 * Turns the document, a finished analysis and its dataset's table into the report's analysis
 * parts, in the session's cluster numbers: one picture per bookmark in tour order (or, none
 * saved, of the shared view from the presenter's pose or a framing), the notes placed under the
 * view that shows their point, the clusters with their statistics and the anomalies. Pure and
 * CPU-heavy on large data: the server runs it on a worker thread (server/jobs/report-worker.ts).
 */
export function assembleAnalysisPart(document: ReportDocument, description: AnalysisDescription, arrays: ReportArrays, table: Table): AnalysisPart {
  const shown = withDisplayedClusters(description, arrays, document.clusterIds);
  const summary = shown.analysis.result!;
  const columns = new Map<string, ColumnData>(table.columns.map((c) => [c.name, c.data]));
  const ctx: PointContext = {
    count: arrays.rowIndex.length,
    rowIndex: arrays.rowIndex,
    cluster: shown.arrays.cluster,
    anomaly: arrays.anomaly,
    anomalyFlag: arrays.anomalyFlag,
    columns,
    clusterLabels: new Map(summary.clusters.map((c) => [c.id, c.label])),
  };
  const scene: SnapshotScene = { ctx, embedding: arrays.positions, knownColumns: new Set(columns.keys()) };
  const rowLabel = rowLabeller(table.columns, table.rowCount);

  const wanted =
    document.bookmarks.length > 0
      ? document.bookmarks.map((b) => ({ ...b, pose: 'seen from the bookmark’s camera' + (b.staleClusterFilters ? '; its cluster filter was saved on another analysis and is left out' : '') }))
      : [
          {
            title: 'Current view',
            author: '',
            createdAt: 0,
            view: document.view,
            filters: document.filters,
            camera: document.presenterPose,
            pose: document.presenterPose ? 'seen from the presenter’s camera' : 'nobody presents: every point framed from the home direction',
          },
        ];
  const marks = document.annotations.flatMap((a) => {
    const point = a.rowIndex === null ? -1 : pointOfRow(arrays.rowIndex, a.rowIndex);
    return point >= 0 ? [{ point, color: a.color }] : [];
  });
  // Past the cap a bookmark is listed without a picture (and says so): a report stays a file one can mail.
  const drawn = wanted.slice(0, MAX_PICTURES).map((v) => drawSnapshot(scene, { view: v.view, filters: v.filters, camera: v.camera, marks }));
  const placed = placeNotes(document.annotations, drawn, arrays.rowIndex);
  return {
    analysis: reportAnalysis(summary, ctx, clusterPalette(document.view), rowLabel),
    views: wanted.map((v, k) => ({
      title: v.title,
      author: v.author || undefined,
      createdAt: v.createdAt || undefined,
      pose: v.pose,
      filters: v.filters.map(describeFilter),
      snapshot: drawn[k]?.snapshot ?? null,
      ...(k >= MAX_PICTURES ? { noPicture: `a report draws the first ${MAX_PICTURES} bookmarks of the tour.` } : {}),
      notes: (placed.under[k] ?? []).map((a) => reportNote(a, rowLabel)),
    })),
    notes: placed.rest.map((a) => reportNote(a, rowLabel)),
  };
}

/** The views of a session without a finished analysis: titles, authors and filters, no pictures. */
export function viewsWithoutAnalysis(document: ReportDocument): ReportView[] {
  const views = document.bookmarks.length > 0 ? document.bookmarks : [{ title: 'Current view', author: '', createdAt: 0, filters: document.filters }];
  return views.map((v) => ({ title: v.title, author: v.author || undefined, createdAt: v.createdAt || undefined, pose: '', filters: v.filters.map(describeFilter), snapshot: null, notes: [] }));
}

/** The palette clusters are coloured with: the view's, when it colours by cluster. */
function clusterPalette(view: ViewState): string | undefined {
  return view.color.by === 'cluster' ? view.color.palette : undefined;
}

function reportAnalysis(summary: AnalysisSummary, ctx: PointContext, palette: string | undefined, rowLabel: (row: number) => string | undefined): ReportAnalysis {
  const clusters: ReportCluster[] = summary.clusters.map((c) => ({
    id: c.id,
    label: c.label,
    size: c.size,
    share: explained(c).share ?? (summary.pointCount > 0 ? c.size / summary.pointCount : 0),
    paragraph: explained(c).paragraph,
    traits: c.traits,
    color: clusterColor(c.id, palette),
  }));
  return {
    summary,
    clusters,
    clusterStats: clusterStats({ columns: ctx.columns, rowIndex: ctx.rowIndex, cluster: ctx.cluster, clusters, features: summary.features.map((f) => f.column) }),
    anomalies: summary.anomalies.top.map((a) => {
      const label = rowLabel(a.rowIndex);
      return label ? { ...a, rowLabel: label } : a;
    }),
  };
}

/** The explanation fields the explain stage adds (share, paragraph), read when present. */
function explained(c: ClusterDescription): { share?: number; paragraph?: string } {
  const extra = c as ClusterDescription & { share?: unknown; paragraph?: unknown };
  return {
    ...(typeof extra.share === 'number' && Number.isFinite(extra.share) ? { share: extra.share } : {}),
    ...(typeof extra.paragraph === 'string' && extra.paragraph !== '' ? { paragraph: extra.paragraph } : {}),
  };
}

/** A row's identifier ("id A-17") from the dataset's first identifier column, when it has one. */
function rowLabeller(columns: readonly Column[], rowCount: number): (row: number) => string | undefined {
  const id = columns.find((c) => c.identifier);
  if (!id) return () => undefined;
  return (row) => {
    const value = Number.isInteger(row) && row >= 0 && row < rowCount ? cellValue(id.data, row) : null;
    return value === null ? undefined : `${id.name} ${String(value)}`;
  };
}

export function reportNote(a: Annotation, rowLabel?: (row: number) => string | undefined): ReportNote {
  const label = a.rowIndex !== null ? rowLabel?.(a.rowIndex) : undefined;
  return { text: a.text, author: a.author, createdAt: a.createdAt, color: a.color, rowIndex: a.rowIndex, ...(label ? { rowLabel: label } : {}) };
}

/**
 * Which view each note is shown under: a note pinned to a row goes under the view that shows its
 * point (passes that view's filters and lies inside its picture); of several, the one that
 * shows the fewest points (the most particular view), the earlier in the tour on a tie. Notes
 * pinned to a place, or to rows no view shows, stay for the annotations section.
 */
export function placeNotes(annotations: readonly Annotation[], views: readonly DrawnView[], rowIndex: Uint32Array): { under: Annotation[][]; rest: Annotation[] } {
  const under: Annotation[][] = views.map(() => []);
  const rest: Annotation[] = [];
  for (const a of annotations) {
    const point = a.rowIndex === null ? -1 : pointOfRow(rowIndex, a.rowIndex);
    let best = -1;
    if (point >= 0) {
      views.forEach((v, k) => {
        if (v.shows(point) && (best < 0 || v.snapshot.passCount < views[best].snapshot.passCount)) best = k;
      });
    }
    if (best >= 0) under[best].push(a);
    else rest.push(a);
  }
  return { under, rest };
}
