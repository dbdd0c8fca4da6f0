import { isCanonicalRanges, setSelection } from '../../shared/session/index.ts';
import { authorOf, type SessionModel } from './session-model.ts';

/**
 * Puts dataset rows (canonical half-open ranges, as the quality report gives them) into the
 * shared selection, replacing it: editors only; a view link changes nothing.
 */
export function selectRowRanges(model: SessionModel, ranges: readonly number[]): void {
  if (!model.canEdit || !isCanonicalRanges(ranges)) return;
  setSelection(model.conn.doc, { points: [...ranges], clusters: [], author: authorOf(model) }, model.conn.origins.user);
}
