import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import type { AnalysisProgress } from '../../shared/api-types.ts';
import { readMeta, readPendingAnalysis, type PendingAnalysis } from '../../shared/session/index.ts';
import { watchAnalysis } from '../api/analysis-events.ts';
import { useDocValue } from '../collab/use-doc.ts';
import { useUi } from '../state/ui-store.ts';
import { earlyAnomaliesOnShown, earlyClustersOnShown } from './early-results.ts';
import { layoutByRow } from './layout-by-row.ts';
import type { SessionModel } from './session-model.ts';

/** One intermediate layout as it was applied (kept small: for tests and the console). */
export interface LiveLayoutEntry {
  /** Sum of the coordinates: tells two layouts apart without keeping them. */
  digest: number;
  at: number;
}

/** What the session's pending analysis looks like on this page. */
export interface PendingView {
  /** The pending analysis as the document states it (running, or how it ended and why). */
  pending: PendingAnalysis;
  /** Its latest progress (null until the first event). */
  progress: AnalysisProgress | null;
  /**
   * Its latest intermediate layout on the points on show (their point order, matched by row),
   * kept after it is done until the page has loaded it; null before the first.
   */
  layout: Float32Array | null;
  /** The layouts applied so far, oldest first. */
  log: LiveLayoutEntry[];
  /**
   * Its clusters on the points on show, as soon as its clustering ended (numbered as the re-bind
   * will number them: early-results.ts), kept like the layout until the final arrays load; null before.
   */
  cluster: Int32Array | null;
  /** Its anomaly scores and flags on the points on show, as soon as its scoring ended; null before. */
  anomaly: Float32Array | null;
  anomalyFlag: Uint8Array | null;
}

type Early = Pick<PendingView, 'cluster' | 'anomaly' | 'anomalyFlag'>;

interface Followed extends Early {
  analysisId: string;
  /** The analysis on show when following began: the layouts are in its point order. */
  shownId: string;
  progress: AnalysisProgress | null;
  layout: Float32Array | null;
  log: LiveLayoutEntry[];
}

const NO_EARLY: Early = { cluster: null, anomaly: null, anomalyFlag: null };

const docAnalysisOf = (doc: Y.Doc): string | null => readMeta(doc).analysisId;

/**
 * Follows the analysis the session is moving to (meta.pendingAnalysis), on every page of the
 * session: its progress, each intermediate layout placed on the points on show, which the
 * cloud then eases to, and its clusters and anomaly flags as soon as they are computed. When the server moves the session to it, the last layout stays until the
 * page has the final arrays (the scene eases from it to them); when it fails or is cancelled
 * the points go back to the analysis on show. Null when nothing is pending.
 */
export function usePendingAnalysis(model: SessionModel): PendingView | null {
  const doc = model.conn.doc;
  const pending = useDocValue(doc, ['meta'], readPendingAnalysis);
  const docAnalysis = useDocValue(doc, ['meta'], docAnalysisOf);
  const [followed, setFollowed] = useState<Followed | null>(null);
  const shown = model.analysis.id;
  const followId = pending?.state === 'running' && pending.analysisId !== shown ? pending.analysisId : null;

  useEffect(() => {
    if (!followId) return;
    let rows: Uint32Array | null = null;
    const update = (change: (f: Followed) => Followed) => setFollowed((f) => (f && f.analysisId === followId && f.shownId === shown ? change(f) : f));
    setFollowed((f) => (f && f.analysisId === followId && f.shownId === shown ? f : { analysisId: followId, shownId: shown, progress: null, layout: null, log: [], ...NO_EARLY }));
    return watchAnalysis(followId, {
      onRows: (rowIndex) => (rows = rowIndex),
      onClusters: (cluster) => {
        if (!rows || rows.length !== cluster.length) return;
        const early = earlyClustersOnShown(model.arrays, rows, cluster);
        update((f) => ({ ...f, cluster: early }));
      },
      onAnomalies: (anomaly, anomalyFlag) => {
        if (!rows || rows.length !== anomaly.length) return;
        const early = earlyAnomaliesOnShown(model.arrays.rowIndex, rows, anomaly, anomalyFlag);
        update((f) => ({ ...f, ...early }));
      },
      onProgress: (_status, progress) => update((f) => ({ ...f, progress })),
      onLayout: (positions) => {
        if (!rows || rows.length * 3 !== positions.length) return;
        const layout = layoutByRow(model.arrays, { rowIndex: rows, positions });
        let digest = 0;
        for (let i = 0; i < positions.length; i++) digest += positions[i];
        update((f) => ({ ...f, layout, log: [...f.log, { digest, at: Date.now() }] }));
      },
      onDone: () => update((f) => ({ ...f, progress: { stage: 'explain', fraction: 1 } })),
      // How it ended reaches every page through the document (the server writes it there).
      onFailed: () => {},
      onError: () => {},
    });
  }, [followId, shown, model.arrays]);

  const current = followed && followed.shownId === shown ? followed : null;
  const view = pendingView(pending, current, followId, docAnalysis, shown);
  // While the cloud shows the new clusters, cluster ids written now would be read against the
  // wrong clusters: the actions and controls hold off (rebind-pending.ts, which reads this).
  const ahead = view?.cluster ? view.pending.analysisId : null;
  useEffect(() => {
    useUi.getState().setClustersAhead(ahead);
    return () => useUi.getState().setClustersAhead(null);
  }, [ahead]);
  return view;
}

function pendingView(pending: PendingAnalysis | null, current: Followed | null, followId: string | null, docAnalysis: string | null, shown: string): PendingView | null {
  if (!pending && !current) return null;
  // Still running, or done and re-bound with the arrays on their way: the live layout stays.
  const moving = current !== null && (current.analysisId === followId || (current.analysisId === docAnalysis && docAnalysis !== shown));
  if (moving) {
    const state: PendingAnalysis = pending?.analysisId === current.analysisId ? pending : { analysisId: current.analysisId, state: 'running', since: 0 };
    return { pending: state, progress: current.progress, layout: current.layout, log: current.log, cluster: current.cluster, anomaly: current.anomaly, anomalyFlag: current.anomalyFlag };
  }
  if (!pending || pending.analysisId === shown) return null;
  return { pending, progress: null, layout: null, log: [], ...NO_EARLY };
}
