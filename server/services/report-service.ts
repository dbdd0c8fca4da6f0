import type * as Y from 'yjs';
import type { AnalysisSummary, ClusterDescription } from '../../shared/analysis-result.ts';
import type { AnyTypedArray } from '../../shared/binary.ts';
import { clusterColor } from '../../shared/encodings/color-encoding.ts';
import { pointOfRow, type PointContext } from '../../shared/encodings/point-context.ts';
import { withDisplayedClusters } from '../../shared/session/displayed-clusters.ts';
import {
  bookmarkFilters,
  readAnnotations,
  readBookmarks,
  readClusterIds,
  readFilters,
  readMeta,
  readPresenter,
  readView,
  type Annotation,
  type Filter,
  type ViewState,
} from '../../shared/session/index.ts';
import { cellValue, type Column, type ColumnData } from '../../shared/table.ts';
import { HttpError } from '../api/http-error.ts';
import { clusterStats } from '../insights/report/cluster-stats.ts';
import { describeFilter } from '../insights/report/format.ts';
import type { ReportAnalysis, ReportCluster, ReportInput, ReportNote, ReportView } from '../insights/report/report-input.ts';
import { drawSnapshot, type DrawnView, type SnapshotScene } from '../insights/report/snapshot.ts';
import type { AnalysisStore } from '../store/analysis-store.ts';
import type { DatasetStore } from '../store/dataset-store.ts';
import type { SessionStore } from '../store/session-store.ts';
import type { SessionDocuments } from './session-service.ts';

/** What the report reads of a session's document, in one visit. */
interface DocumentState {
  title: string;
  createdAt: number;
  analysisId: string | null;
  view: ViewState;
  filters: Filter[];
  views: { title: string; author: string; createdAt: number; view: ViewState; filters: Filter[]; camera: NonNullable<SnapshotCamera>; staleClusterFilters: boolean }[];
  presenterPose: SnapshotCamera;
  annotations: Annotation[];
  clusterIds: ReturnType<typeof readClusterIds>;
}

type SnapshotCamera = Parameters<typeof drawSnapshot>[1]['camera'];

/**
 * Gathers a session's findings report (renderReport turns it into HTML): the document's title,
 * bookmarks, view, notes and presenter, the dataset's columns, and the analysis' summary and
 * arrays, with the session's cluster numbers; each bookmark's picture is drawn here.
 */
export class ReportService {
  constructor(
    private readonly sessions: SessionStore,
    private readonly datasets: DatasetStore,
    private readonly analyses: AnalysisStore,
    private readonly documents: Pick<SessionDocuments, 'withDocument'>,
  ) {}

  async gather(sessionId: string, now = Date.now()): Promise<ReportInput> {
    const record = this.sessions.get(sessionId);
    if (!this.datasets.has(record.datasetId)) {
      throw new HttpError(410, 'dataset_deleted', `The table of "${record.title}" was deleted from this workspace, so there is nothing left to report.`);
    }
    const state = await this.documents.withDocument(sessionId, (doc) => readState(doc));
    const dataset = this.datasets.get(record.datasetId);
    const analysisId = state.analysisId ?? record.analysisId;
    const analysis = analysisId && this.analyses.datasetOf(analysisId) === dataset.id ? this.analyses.get(analysisId) : null;
    const base = {
      title: state.title,
      generatedAt: now,
      sessionCreatedAt: state.createdAt,
      dataset: { name: dataset.name, rowCount: dataset.rowCount, columns: dataset.columns.map(({ profile: _profile, ...c }) => c) },
      // wired at merge: the dataset's quality report (its producer is built on the quality branch).
      quality: undefined,
      // wired at merge: the answers shared to the room (readAnswers is built on the ask branch).
      answers: [],
      noteCount: state.annotations.length,
    };
    if (!analysis || analysis.status !== 'done' || !analysis.result) {
      const views: ReportView[] = (state.views.length > 0 ? state.views : [{ title: 'Current view', author: '', createdAt: 0, filters: state.filters, staleClusterFilters: false }]).map((v) => ({
        title: v.title,
        author: v.author || undefined,
        createdAt: v.createdAt || undefined,
        pose: '',
        filters: v.filters.map(describeFilter),
        snapshot: null,
        notes: [],
      }));
      return { ...base, analysis: null, views, viewsAreBookmarks: state.views.length > 0, notes: state.annotations.map((a) => note(a)) };
    }

    const [arrays, table] = await Promise.all([this.readArrays(analysis.id), this.datasets.readTable(dataset.id)]);
    const shown = withDisplayedClusters(analysis, arrays, state.clusterIds);
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

    // Bookmarks in tour order, or (none saved) the shared view from the presenter's pose or a framing.
    const wanted =
      state.views.length > 0
        ? state.views.map((v) => ({ ...v, pose: 'seen from the bookmark’s camera' + (v.staleClusterFilters ? '; its cluster filter was saved on another analysis and is left out' : '') }))
        : [
            {
              title: 'Current view',
              author: '',
              createdAt: 0,
              view: state.view,
              filters: state.filters,
              camera: state.presenterPose,
              pose: state.presenterPose ? 'seen from the presenter’s camera' : 'all points passing the filters framed from the home direction',
            },
          ];
    const marks = state.annotations.flatMap((a) => {
      const point = a.rowIndex === null ? -1 : pointOfRow(arrays.rowIndex, a.rowIndex);
      return point >= 0 ? [{ point, color: a.color }] : [];
    });
    const drawn: DrawnView[] = wanted.map((v) => drawSnapshot(scene, { view: v.view, filters: v.filters, camera: v.camera, marks }));
    const placed = placeNotes(state.annotations, drawn, arrays.rowIndex);
    const views: ReportView[] = wanted.map((v, k) => ({
      title: v.title,
      author: v.author || undefined,
      createdAt: v.createdAt || undefined,
      pose: v.pose,
      filters: v.filters.map(describeFilter),
      snapshot: drawn[k].snapshot,
      notes: placed.under[k].map((a) => note(a, rowLabel)),
    }));
    return {
      ...base,
      analysis: reportAnalysis(summary, ctx, columns, clusterPalette(state.view), rowLabel),
      views,
      viewsAreBookmarks: state.views.length > 0,
      notes: placed.rest.map((a) => note(a, rowLabel)),
    };
  }

  private async readArrays(analysisId: string): Promise<{ rowIndex: Uint32Array; positions: Float32Array; cluster: Int32Array; anomaly: Float32Array; anomalyFlag: Uint8Array }> {
    const [rowIndex, positions, cluster, anomaly, anomalyFlag] = await Promise.all([
      this.analyses.readArray(analysisId, 'rowIndex'),
      this.analyses.readArray(analysisId, 'positions'),
      this.analyses.readArray(analysisId, 'cluster'),
      this.analyses.readArray(analysisId, 'anomaly'),
      this.analyses.readArray(analysisId, 'anomalyFlag'),
    ]);
    return {
      rowIndex: typed(rowIndex, Uint32Array, 'rowIndex'),
      positions: typed(positions, Float32Array, 'positions'),
      cluster: typed(cluster, Int32Array, 'cluster'),
      anomaly: typed(anomaly, Float32Array, 'anomaly'),
      anomalyFlag: typed(anomalyFlag, Uint8Array, 'anomalyFlag'),
    };
  }
}

function typed<T extends AnyTypedArray>(value: AnyTypedArray, ctor: new (...args: never[]) => T, name: string): T {
  if (!(value instanceof ctor)) throw new HttpError(500, 'corrupt_analysis', `The analysis' ${name} array has an unexpected type.`);
  return value;
}

function readState(doc: Y.Doc): DocumentState {
  const meta = readMeta(doc);
  const pose = readPresenter(doc).pose;
  return {
    title: meta.title,
    createdAt: meta.createdAt,
    analysisId: meta.analysisId,
    view: readView(doc),
    filters: readFilters(doc),
    views: readBookmarks(doc).map((b) => {
      const filters = bookmarkFilters(doc, b, meta.analysisId);
      return { title: b.title, author: b.author, createdAt: b.createdAt, view: b.view, filters, camera: b.camera, staleClusterFilters: filters.length < b.filters.length };
    }),
    presenterPose: pose ? { position: pose.position, target: pose.target } : null,
    annotations: readAnnotations(doc),
    clusterIds: readClusterIds(doc),
  };
}

/** The palette clusters are coloured with: the view's, when it colours by cluster. */
function clusterPalette(view: ViewState): string | undefined {
  return view.color.by === 'cluster' ? view.color.palette : undefined;
}

function reportAnalysis(summary: AnalysisSummary, ctx: PointContext, columns: ReadonlyMap<string, ColumnData>, palette: string | undefined, rowLabel: (row: number) => string | undefined): ReportAnalysis {
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
    clusterStats: clusterStats({ columns, rowIndex: ctx.rowIndex, cluster: ctx.cluster, clusters, features: summary.features.map((f) => f.column) }),
    anomalies: summary.anomalies.top.map((a) => ({ ...a, rowLabel: rowLabel(a.rowIndex) })),
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

/** A row's identifier ("id = A-17") from the dataset's first identifier column, when it has one. */
function rowLabeller(columns: readonly Column[], rowCount: number): (row: number) => string | undefined {
  const id = columns.find((c) => c.identifier);
  if (!id) return () => undefined;
  return (row) => {
    const value = Number.isInteger(row) && row >= 0 && row < rowCount ? cellValue(id.data, row) : null;
    return value === null ? undefined : `${id.name} ${String(value)}`;
  };
}

function note(a: Annotation, rowLabel?: (row: number) => string | undefined): ReportNote {
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
