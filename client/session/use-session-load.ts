import { useEffect, useState } from 'react';
import type { AnalysisDescription, AnalysisProgress, DatasetDetail } from '../../shared/api-types.ts';
import { readClusterIds, readMeta, onSessionChange } from '../../shared/session/index.ts';
import { getAnalysis, getAnalysisArrays, type AnalysisArrays } from '../api/analyses.ts';
import { watchAnalysis } from '../api/analysis-events.ts';
import { getDataset } from '../api/datasets.ts';
import { getSession, type SessionInfo } from '../api/sessions.ts';
import { connectSession, type SessionConnection } from '../collab/connect-session.ts';
import { useUi } from '../state/ui-store.ts';
import { withDisplayedClusters } from '../../shared/session/displayed-clusters.ts';
import type { EarlyPoints } from './use-run-analysis.ts';

export type LoadState =
  | { phase: 'loading'; message: string }
  | { phase: 'error'; message: string }
  | { phase: 'running'; info: SessionInfo; conn: SessionConnection; progress: AnalysisProgress | null; layout: Float32Array | null; early: EarlyPoints }
  | { phase: 'ready'; info: SessionInfo; conn: SessionConnection; dataset: DatasetDetail; analysis: AnalysisDescription; arrays: AnalysisArrays; rawClusterIds: ReadonlyMap<number, number> };

/**
 * Opens a session: checks the link, joins the document, loads the dataset description and
 * the analysis the document points at (following it while it still runs), and reloads the
 * arrays when someone re-binds the session to another analysis.
 */
export function useSessionLoad(sessionId: string, token: string): LoadState {
  const [state, setState] = useState<LoadState>({ phase: 'loading', message: 'Opening the session…' });

  useEffect(() => {
    let cancelled = false;
    let conn: SessionConnection | null = null;
    let stopWatch: (() => void) | null = null;
    let offMeta: (() => void) | null = null;
    const abort = new AbortController();
    let currentAnalysis: string | null = null;
    let dataset: DatasetDetail | null = null;

    // The finished analysis on show, with its raw cluster ids, and the document's numbering of
    // them that was applied (JSON, to notice a change).
    let loaded: { info: SessionInfo; analysis: AnalysisDescription; raw: AnalysisArrays } | null = null;
    let appliedIds: string | null = null;
    const idsOf = (analysisId: string): string | null => {
      const stored = readClusterIds(conn!.doc);
      return stored && stored.analysisId === analysisId ? JSON.stringify([...stored.shown]) : null;
    };
    /**
     * Shows the loaded analysis under the numbers the document keeps for its clusters. A re-bind
     * writes them in the same transaction as the analysis id, so they are there when it is
     * seen; a page that loaded before its document synced applies them when they arrive.
     */
    const showLoaded = () => {
      if (!loaded) return;
      appliedIds = idsOf(loaded.analysis.id);
      const shown = withDisplayedClusters(loaded.analysis, loaded.raw, readClusterIds(conn!.doc));
      setState({ phase: 'ready', info: loaded.info, conn: conn!, dataset: dataset!, analysis: shown.analysis, arrays: shown.arrays, rawClusterIds: shown.rawClusterIds });
    };

    const fail = (error: unknown) => {
      if (cancelled || abort.signal.aborted) return;
      const message = error instanceof Error ? error.message : String(error);
      setState({ phase: 'error', message });
    };

    const openAnalysis = async (info: SessionInfo, analysisId: string) => {
      if (analysisId === currentAnalysis) return;
      currentAnalysis = analysisId;
      stopWatch?.();
      const analysis = await getAnalysis(analysisId, abort.signal);
      if (cancelled || currentAnalysis !== analysisId) return;
      const finish = async (done: AnalysisDescription) => {
        const raw = await getAnalysisArrays(done.id, abort.signal);
        if (cancelled || currentAnalysis !== analysisId) return;
        // Point numbers belong to one analysis: a focus or hover kept across a re-bind would
        // name another row (or none). Cleared before the new arrays render.
        useUi.getState().setFocused(null);
        useUi.getState().setHover(null);
        loaded = { info, analysis: done, raw };
        showLoaded();
      };
      if (analysis.status === 'done') return finish(analysis);
      if (analysis.status === 'failed' || analysis.status === 'cancelled') {
        throw new Error(`The analysis of this session ${analysis.status === 'failed' ? 'failed' : 'was cancelled'}: ${analysis.error?.message ?? 'no reason given'}`);
      }
      setState({ phase: 'running', info, conn: conn!, progress: analysis.progress, layout: null, early: { cluster: null, anomalyFlag: null } });
      stopWatch = watchAnalysis(analysisId, {
        onProgress: (_status, progress) =>
          setState((s) => (s.phase === 'running' ? { ...s, progress } : s)),
        onLayout: (layout) => setState((s) => (s.phase === 'running' ? { ...s, layout } : s)),
        // A session's first analysis: its clusters show under their own numbers, as the session will.
        onClusters: (cluster) => setState((s) => (s.phase === 'running' ? { ...s, early: { ...s.early, cluster } } : s)),
        onAnomalies: (_scores, anomalyFlag) => setState((s) => (s.phase === 'running' ? { ...s, early: { ...s.early, anomalyFlag } } : s)),
        onDone: (done) => void finish(done).catch(fail),
        onFailed: (failed) => fail(new Error(`The analysis failed: ${failed.error?.message ?? 'no reason given'}`)),
        onError: (message) => fail(new Error(message)),
      });
    };

    (async () => {
      const info = await getSession(sessionId, token);
      if (cancelled) return;
      document.title = `${info.title} · Data Mirage`;
      conn = connectSession(sessionId, token);
      dataset = await getDataset(info.datasetId);
      if (cancelled) return;
      // The document says which analysis is current (a re-bind changes it for everyone).
      const analysisOf = () => readMeta(conn!.doc).analysisId ?? info.analysisId;
      offMeta = onSessionChange(conn.doc, (parts) => {
        const next = analysisOf();
        if (parts.has('meta') && next && next !== currentAnalysis) void openAnalysis(info, next).catch(fail);
        else if (parts.has('meta') && loaded && loaded.analysis.id === next && idsOf(next) !== appliedIds) showLoaded();
      });
      const first = analysisOf();
      if (!first) throw new Error('This session has no analysis yet: run one from the start page and open its session.');
      await openAnalysis(info, first);
    })().catch(fail);

    return () => {
      cancelled = true;
      abort.abort();
      stopWatch?.();
      offMeta?.();
      conn?.destroy();
    };
  }, [sessionId, token]);

  return state;
}
