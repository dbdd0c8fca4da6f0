import { rangesFromIndices, rangesSubtract, rangesUnion, readSelection, setSelection, clearSelection } from '../../shared/session/index.ts';
import { rebindPendingIn } from './rebind-pending.ts';
import { authorOf, type SessionModel } from './session-model.ts';

/**
 * Writes to the shared selection from the UI. Points are stored as dataset rows (so a
 * selection survives re-analysis); these helpers translate point indices first.
 */
function rowsOf(model: SessionModel, points: ArrayLike<number>): number[] {
  const rows = new Array<number>(points.length);
  for (let i = 0; i < points.length; i++) rows[i] = model.arrays.rowIndex[points[i]];
  return rows;
}

export function selectPoints(model: SessionModel, points: ArrayLike<number>, mode: 'replace' | 'add' | 'remove' = 'replace'): void {
  if (!model.canEdit) return;
  const { doc, origins } = model.conn;
  const ranges = rangesFromIndices(rowsOf(model, points));
  const current = readSelection(doc);
  const next = mode === 'replace' ? ranges : mode === 'add' ? rangesUnion(current.points, ranges) : rangesSubtract(current.points, ranges);
  setSelection(doc, { points: next, ...(mode === 'replace' ? { clusters: [] } : {}), author: authorOf(model) }, origins.user);
}

export function toggleClusterSelection(model: SessionModel, clusterId: number): void {
  if (!model.canEdit || rebindPendingIn(model)) return;
  const { doc, origins } = model.conn;
  const current = readSelection(doc).clusters;
  const clusters = current.includes(clusterId) ? current.filter((c) => c !== clusterId) : [...current, clusterId];
  setSelection(doc, { clusters, author: authorOf(model) }, origins.user);
}

export function clearAll(model: SessionModel): void {
  if (!model.canEdit) return;
  clearSelection(model.conn.doc, authorOf(model), model.conn.origins.user);
}
