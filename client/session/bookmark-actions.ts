import { applyBookmark, readMeta, staleClusterFilters, type Bookmark } from '../../shared/session/index.ts';
import { useUi } from '../state/ui-store.ts';
import type { SessionModel } from './session-model.ts';

/**
 * Goes to a bookmark, from any shell: editors make its view and filters everyone's, viewers
 * only fly there (through the session's view driver: the desktop camera or the VR rig). The
 * session's analysis is the document's (a re-bind may still be loading here).
 */
export function goToBookmark(model: SessionModel, b: Bookmark): void {
  const { doc, origins } = model.conn;
  const analysisId = readMeta(doc).analysisId ?? model.analysis.id;
  const stale = model.canEdit ? staleClusterFilters(b, analysisId) : [];
  const camera = model.canEdit ? applyBookmark(doc, b.id, origins.user, analysisId) : b.camera;
  if (stale.length > 0) {
    useUi.getState().showToast(`"${b.title}" was saved on an earlier analysis: its cluster filter was left out (the clusters have changed).`);
  }
  void model.view.current?.setPose({ position: camera.position, target: camera.target }, true);
}
