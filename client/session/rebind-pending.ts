import type * as Y from 'yjs';
import { readMeta } from '../../shared/session/index.ts';
import { useDocValue } from '../collab/use-doc.ts';
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

/** For actions: reads the document now. */
export function rebindPendingIn(model: SessionModel): boolean {
  const docId = docAnalysisOf(model.conn.doc);
  // (checked before touching model.analysis: a document without an analysis id has nothing pending)
  return docId !== null && rebindPending(docId, model.analysis.id);
}

/** For controls: re-renders when the document's analysis changes. */
export function useRebindPending(model: SessionModel): boolean {
  const docId = useDocValue(model.conn.doc, ['meta'], docAnalysisOf);
  return rebindPending(docId, model.analysis.id);
}

/** What a disabled cluster control says about why. */
export const REBIND_PENDING_HINT = 'Loading the new analysis: its clusters are not known yet.';
