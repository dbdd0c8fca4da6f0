import type * as Y from 'yjs';
import { displayedClusterIds, initSessionDoc, mapClusterIds, readClusterIds, readMeta, readPendingAnalysis, rebindAnalysis, writePendingAnalysis } from '../../shared/session/index.ts';
import { HttpError } from '../api/http-error.ts';
import { SERVER_ORIGIN } from '../collab/index.ts';
import { matchClusterIds, type RowClusters } from '../../shared/identity/match-clusters.ts';
import type { AnalysisCatalog } from '../store/analysis-catalog.ts';
import type { DatasetCatalog } from '../store/dataset-catalog.ts';
import type { SessionRecord, SessionStore } from '../store/session-store.ts';
import { AnalysisFollower, type AnalysisEnd, type AnalysisEvents } from './analysis-follower.ts';

/** What the session service needs of the collaboration server. */
export interface SessionDocuments {
  createSessionDocument(sessionId: string, init: (doc: Y.Doc) => void): Promise<void>;
  /** Applies a server-side change to a session's document (loaded if needed), persisted and relayed. */
  withDocument<T>(sessionId: string, fn: (doc: Y.Doc) => T | Promise<T>): Promise<T>;
}

/**
 * Creating and re-binding sessions: the record (binding + tokens) and the Yjs document's
 * initial content. The document is written first, so a session that has a record always has
 * a document.
 */
export class SessionService {
  private readonly follower: AnalysisFollower;
  private readonly stopWatchingOthers: () => void;

  constructor(
    private readonly sessions: SessionStore,
    private readonly datasets: DatasetCatalog,
    private readonly analyses: AnalysisCatalog,
    private readonly documents: SessionDocuments,
    jobs: AnalysisEvents,
  ) {
    this.follower = new AnalysisFollower(jobs, (sessionId, end) => this.settlePending(sessionId, end));
    // On a shared DATA_DIR every process waits for every session's pending analysis, not only the
    // one that was asked (it may stop before the run ends): the first to hear the end moves the
    // session, and a second move to the same analysis changes nothing (the numbers stay).
    this.stopWatchingOthers = sessions.onChangedElsewhere((record) => this.followElsewhere(record));
  }

  async create(input: { datasetId: string; analysisId?: string; title?: string; colorBy?: string }): Promise<SessionRecord> {
    const dataset = this.datasets.get(input.datasetId);
    if (input.analysisId) this.checkAnalysis(input.analysisId, dataset.id);
    const colorBy = input.colorBy;
    if (colorBy !== undefined && !dataset.columns.some((c) => c.name === colorBy)) {
      throw new HttpError(400, 'unknown_column', `colorBy names no column of "${dataset.name}" ("${colorBy.slice(0, 80)}").`);
    }
    // Two datasets in one cloud: what matters first is which dataset each point is from.
    const color = colorBy !== undefined ? { by: 'column' as const, column: colorBy }
      : dataset.comparison ? { by: 'column' as const, column: dataset.comparison.sourceColumn, palette: 'tableau10' }
      : undefined;
    const defaults = color === undefined ? {} : { defaults: { color } };
    return this.sessions.create({ datasetId: dataset.id, analysisId: input.analysisId ?? null, title: input.title ?? dataset.name }, (record) =>
      this.documents.createSessionDocument(record.id, (doc) =>
        initSessionDoc(doc, { datasetId: record.datasetId, analysisId: record.analysisId, title: record.title, ...defaults }),
      ),
    );
  }

  /**
   * Points a session at another analysis of its dataset: at once when it is done (clients
   * animate to the new layout), or, while it is queued or running, as the session's pending
   * analysis, which every page follows live and the server moves the session to when it is done.
   */
  async rebind(sessionId: string, analysisId: string): Promise<SessionRecord> {
    const session = this.sessions.get(sessionId);
    this.checkAnalysis(analysisId, session.datasetId);
    const analysis = this.analyses.get(analysisId);
    if (analysis.status === 'queued' || analysis.status === 'running') return this.waitFor(sessionId, analysisId);
    if (analysis.status !== 'done') {
      // Participants follow the document: pointing it at a failed analysis would take the
      // session away from everyone.
      throw new HttpError(409, 'analysis_not_ready', `Analysis "${analysisId}" ${analysis.status === 'cancelled' ? 'was cancelled' : 'failed'}; a session can move only to an analysis that is done or still running.`);
    }
    // A move to a finished analysis supersedes one still waited for (the latest request wins).
    this.follower.stop(sessionId);
    // The session's view token may read it before the document sends anyone to it.
    await this.sessions.allowAnalysis(sessionId, analysisId);
    // Document first (what clients follow), then the record: a failure in between leaves the
    // record on the old analysis, which the next re-bind repairs, never clients on a stale one.
    const next = await this.rowClusters(analysisId);
    await this.documents.withDocument(sessionId, async (doc) => {
      // The clusters people see now are the document's analysis under the document's numbers.
      // Its arrays are read from disk meanwhile: if another re-bind lands during that read,
      // match against what it shows instead.
      let shownId = readMeta(doc).analysisId;
      let previous: RowClusters | null = null;
      for (let tries = 0; ; tries++) {
        previous = shownId && shownId !== analysisId ? await this.rowClusters(shownId).catch(() => null) : null;
        const now = readMeta(doc).analysisId;
        if (now === shownId) break;
        shownId = now;
        if (tries === 2) {
          previous = null; // still moving: show raw ids rather than numbers matched to the wrong analysis
          break;
        }
      }
      const clusterIds = previous
        ? matchClusterIds({ rowIndex: previous.rowIndex, cluster: mapClusterIds(previous.cluster, displayedClusterIds(readClusterIds(doc), shownId!, previous.cluster)) }, next)
        : shownId === analysisId
          ? displayedClusterIds(readClusterIds(doc), analysisId, next.cluster) // re-bound to itself: numbers stay
          : undefined;
      // One transaction: nobody sees the new analysis while it still reads as pending.
      doc.transact(() => {
        rebindAnalysis(doc, analysisId, SERVER_ORIGIN, clusterIds);
        writePendingAnalysis(doc, null, SERVER_ORIGIN);
      }, SERVER_ORIGIN);
    });
    return this.sessions.rebind(sessionId, analysisId);
  }

  /** After a restart: waits again for the analyses sessions were moving to (the queue resumed them). */
  resumePending(): void {
    for (const record of this.sessions.list()) {
      const analysisId = record.pendingAnalysisId;
      if (!analysisId) continue;
      try {
        this.follower.follow(record.id, analysisId);
      } catch {
        void this.settlePending(record.id, { analysisId, status: 'failed', message: 'The analysis was deleted.' }).catch(() => {});
      }
    }
  }

  /** Stops waiting (the server is closing; a restart resumes the waits). */
  close(): void {
    this.stopWatchingOthers();
    this.follower.close();
  }

  /** Another process changed the session's record: wait for the analysis it now waits for, or stop waiting. */
  private followElsewhere(record: SessionRecord): void {
    const analysisId = record.pendingAnalysisId;
    if (!analysisId) {
      this.follower.stop(record.id);
      return;
    }
    if (this.follower.follows(record.id, analysisId)) return;
    try {
      this.follower.follow(record.id, analysisId);
    } catch {
      // Deleted meanwhile: the process that set it pending says so.
    }
  }

  /**
   * Records a queued or running analysis as the session's pending one: the view token may read
   * it (every page follows its events), the document says it, the record keeps it for a restart.
   */
  private async waitFor(sessionId: string, analysisId: string): Promise<SessionRecord> {
    await this.sessions.allowAnalysis(sessionId, analysisId);
    await this.documents.withDocument(sessionId, (doc) => writePendingAnalysis(doc, { analysisId, state: 'running', since: Date.now() }, SERVER_ORIGIN));
    const record = await this.sessions.setPending(sessionId, analysisId);
    this.follower.follow(sessionId, analysisId);
    return record;
  }

  /** The pending analysis ended: move the session to it, or say in the document why not. */
  private async settlePending(sessionId: string, end: AnalysisEnd): Promise<void> {
    // Superseded by a later request (or the session is gone): nothing of this one is shown.
    if (!this.sessions.has(sessionId) || this.sessions.get(sessionId).pendingAnalysisId !== end.analysisId) return;
    if (end.status === 'done') {
      await this.rebind(sessionId, end.analysisId);
      return;
    }
    await this.documents.withDocument(sessionId, (doc) => {
      if (readPendingAnalysis(doc)?.analysisId !== end.analysisId) return;
      writePendingAnalysis(doc, { analysisId: end.analysisId, state: end.status, since: Date.now(), message: end.message }, SERVER_ORIGIN);
    });
    await this.sessions.setPending(sessionId, null);
  }

  /** Per-row clusters of a finished analysis (a deleted previous analysis reads as none). */
  private async rowClusters(analysisId: string): Promise<RowClusters> {
    const [rowIndex, cluster] = await Promise.all([this.analyses.readArray(analysisId, 'rowIndex'), this.analyses.readArray(analysisId, 'cluster')]);
    return { rowIndex, cluster };
  }

  private checkAnalysis(analysisId: string, datasetId: string): void {
    const analysis = this.analyses.get(analysisId);
    if (analysis.datasetId !== datasetId) {
      throw new HttpError(400, 'analysis_mismatch', `Analysis "${analysisId}" belongs to another dataset.`);
    }
  }
}
