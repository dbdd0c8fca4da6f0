import {
  addBookmark,
  applyBookmark,
  rangesFromIndices,
  rangesUnion,
  readFilters,
  readMeta,
  readSelection,
  readView,
  staleClusterFilters,
  type Bookmark,
  type RowRanges,
} from '../../shared/session/index.ts';
import { useUi } from '../state/ui-store.ts';
import { authorOf, type SessionModel } from './session-model.ts';

/**
 * The shared selection as dataset rows: its row ranges plus the rows of its selected clusters
 * (cluster ids name other rows on another analysis, rows do not).
 */
export function selectedRows(model: SessionModel): RowRanges {
  const selection = readSelection(model.conn.doc);
  if (selection.clusters.length === 0) return selection.points;
  const chosen = new Set(selection.clusters);
  const { cluster, rowIndex } = model.arrays;
  const rows: number[] = [];
  for (let i = 0; i < cluster.length; i++) if (chosen.has(cluster[i])) rows.push(rowIndex[i]);
  return rangesUnion(selection.points, rangesFromIndices(rows));
}

/**
 * Saves this participant's camera with the shared view, filters and selected rows as the
 * tour's next bookmark (editors). False when there is no view to save yet.
 */
export function saveBookmark(model: SessionModel, title: string): boolean {
  const view = model.view.current;
  if (!view || !model.canEdit) return false;
  const { doc, origins } = model.conn;
  const pose = view.pose();
  const selection = selectedRows(model);
  addBookmark(
    doc,
    {
      title,
      camera: { position: pose.position, target: pose.target },
      view: readView(doc),
      filters: readFilters(doc),
      author: authorOf(model),
      // Cluster filters in the view were written against the loaded analysis.
      analysisId: model.analysis.id,
      ...(selection.length > 0 ? { selection } : {}),
    },
    origins.user,
  );
  return true;
}

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
