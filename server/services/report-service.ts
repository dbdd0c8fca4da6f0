import type * as Y from 'yjs';
import {
  bookmarkFilters,
  readAnnotations,
  readBookmarks,
  readClusterIds,
  readFilters,
  readAnswers,
  readMeta,
  readPresenter,
  readView,
} from '../../shared/session/index.ts';
import { HttpError } from '../api/http-error.ts';
import { reportNote, viewsWithoutAnalysis, type AnalysisPart, type ReportDocument } from '../insights/report/assemble.ts';
import type { ReportInput } from '../insights/report/report-input.ts';
import type { ReportReply, ReportRequest } from '../jobs/report-protocol.ts';
import { runOnce } from '../jobs/run-once.ts';
import type { AnalysisCatalog } from '../store/analysis-catalog.ts';
import type { DatasetCatalog } from '../store/dataset-catalog.ts';
import type { SessionStore } from '../store/session-store.ts';
import type { QualityService } from './quality-service.ts';
import { ReportSlots } from './report-slots.ts';
import type { SessionDocuments } from './session-service.ts';

/**
 * Gathers a session's findings report (renderReport turns it into HTML): the document's title,
 * bookmarks, view, notes and presenter, read here in one visit; the dataset's columns; and, on a
 * worker thread, the pictures, clusters and anomalies of its finished analysis.
 */
export class ReportService {
  private readonly slots = new ReportSlots();

  constructor(
    private readonly sessions: SessionStore,
    private readonly datasets: DatasetCatalog,
    private readonly analyses: AnalysisCatalog,
    private readonly documents: Pick<SessionDocuments, 'withDocument'>,
    private readonly quality: Pick<QualityService, 'report'>,
  ) {}

  async gather(sessionId: string, now = Date.now()): Promise<ReportInput> {
    const record = this.sessions.get(sessionId);
    if (!this.datasets.has(record.datasetId)) {
      throw new HttpError(410, 'dataset_deleted', `The table of "${record.title}" was deleted from this workspace, so there is nothing left to report.`);
    }
    const { document, answers } = await this.documents.withDocument(sessionId, (doc) => ({ document: readDocument(doc), answers: readAnswers(doc) }));
    const dataset = this.datasets.get(record.datasetId);
    const analysisId = document.analysisId ?? record.analysisId;
    const analysis = analysisId && this.analyses.datasetOf(analysisId) === dataset.id ? this.analyses.get(analysisId) : null;
    const base = {
      title: document.title,
      generatedAt: now,
      sessionCreatedAt: document.createdAt,
      dataset: { name: dataset.name, rowCount: dataset.rowCount, columns: dataset.columns.map(({ profile: _profile, ...c }) => c) },
      quality: await this.quality.report(dataset.id, analysis ?? undefined),
      answers,
      noteCount: document.annotations.length,
      viewsAreBookmarks: document.bookmarks.length > 0,
    };
    if (!analysis || analysis.status !== 'done' || !analysis.result) {
      return { ...base, analysis: null, views: viewsWithoutAnalysis(document), notes: document.annotations.map((a) => reportNote(a)) };
    }
    const part = await this.slots.run(() => runReportWorker({
      document,
      analysis,
      arrayPaths: {
        rowIndex: this.analyses.arrayPath(analysis.id, 'rowIndex'),
        positions: this.analyses.arrayPath(analysis.id, 'positions'),
        cluster: this.analyses.arrayPath(analysis.id, 'cluster'),
        anomaly: this.analyses.arrayPath(analysis.id, 'anomaly'),
        anomalyFlag: this.analyses.arrayPath(analysis.id, 'anomalyFlag'),
      },
      table: { rowCount: dataset.rowCount, columns: dataset.columns.map((c) => ({ name: c.name, type: c.type, identifier: c.identifier, path: this.datasets.columnPath(dataset.id, c.name) })) },
    }));
    return { ...base, ...part };
  }
}

function readDocument(doc: Y.Doc): ReportDocument {
  const meta = readMeta(doc);
  const pose = readPresenter(doc).pose;
  return {
    title: meta.title,
    createdAt: meta.createdAt,
    analysisId: meta.analysisId,
    view: readView(doc),
    filters: readFilters(doc),
    bookmarks: readBookmarks(doc).map((b) => {
      const filters = bookmarkFilters(doc, b, meta.analysisId);
      return { title: b.title, author: b.author, createdAt: b.createdAt, view: b.view, filters, camera: b.camera, staleClusterFilters: filters.length < b.filters.length };
    }),
    presenterPose: pose ? { position: pose.position, target: pose.target } : null,
    annotations: readAnnotations(doc),
    clusterIds: readClusterIds(doc),
  };
}

/** Assembles the analysis part on a worker thread; a failure is a 500 with a sentence, the details in the log. */
async function runReportWorker(request: ReportRequest): Promise<AnalysisPart> {
  const reply = await runOnce<ReportReply>(new URL('../jobs/report-worker.ts', import.meta.url), { request }, 'report', {
    crashed: { ok: false, message: 'The report could not be made on the server. See the server log.' },
    exited: { ok: false, message: 'The report stopped unexpectedly on the server (out of memory?).' },
  });
  if (reply.ok) return reply.part;
  throw new HttpError(500, 'report_failed', reply.message);
}
