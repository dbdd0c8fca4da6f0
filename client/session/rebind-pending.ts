import type * as Y from 'yjs';
import { readMeta } from '../../shared/session/index.ts';
import { useDocValue } from '../collab/use-doc.ts';
import { useUi } from '../state/ui-store.ts';
import type { SessionModel } from './session-model.ts';

/**
 * Between a re-bind reaching the document and the new analysis' arrays arriving, the page still
 * shows the old clusters: a cluster id written then (filter, selection) would name a cluster of
 * the wrong analysis. True while the document points at another analysis than the one loaded.
 */
export function rebindPending(docAnalysisId: string | null, loadedAnalysisId: string): boolean {
  return docAnalysisId !== null && docAnalysisId !== loadedAnalysisId;
}

const docAnalysisOf = (doc: Y.Doc): string | null => readMeta(doc).analysisId;

/** What a disabled cluster control says about why. */
export const REBIND_PENDING_HINT = 'Loading the new analysis: its clusters are not known yet.';
/** The same while the cloud shows the pending analysis's clusters ahead of its result. */
export const CLUSTERS_AHEAD_HINT = 'The new clusters are shown ahead of the result: hiding and selecting by cluster wait for it.';

/**
 * Why cluster ids cannot be written now, or null when they can: a re-bind is loading, or the
 * cloud shows the pending analysis's clusters ahead of its result (clustersAhead, see
 * use-pending-analysis.ts), while the cluster panel, the legend's filter and the pointer's
 * cluster still speak of the analysis loaded, and the re-bind would drop such a write anyway.
 */
export function clusterWritesPaused(docAnalysisId: string | null, loadedAnalysisId: string, clustersAhead: string | null): string | null {
  if (rebindPending(docAnalysisId, loadedAnalysisId)) return REBIND_PENDING_HINT;
  return clustersAhead !== null ? CLUSTERS_AHEAD_HINT : null;
}

/** For actions: reads the document and this page's state now. */
export function rebindPendingIn(model: SessionModel): boolean {
  const docId = docAnalysisOf(model.conn.doc);
  // (checked before touching model.analysis: a document without an analysis id has nothing pending)
  const loaded = docId === null ? '' : model.analysis.id;
  return clusterWritesPaused(docId, loaded, useUi.getState().clustersAhead) !== null;
}

/** For controls: why cluster ids cannot be written now (null: they can); re-renders when that changes. */
export function useClusterWritesPaused(model: SessionModel): string | null {
  const docId = useDocValue(model.conn.doc, ['meta'], docAnalysisOf);
  const ahead = useUi((s) => s.clustersAhead);
  return clusterWritesPaused(docId, model.analysis.id, ahead);
}
