import type * as Y from 'yjs';
import type { SharedAnswer } from '../../shared/insights/ask.ts';
import { readAnswers, readPresenter } from '../../shared/session/index.ts';
import { useDocValue } from '../collab/use-doc.ts';
import type { SessionModel } from './session-model.ts';

const newestFirst = (doc: Y.Doc): SharedAnswer[] => readAnswers(doc).reverse();

/**
 * The answers shared to the room, newest first, live (any shell: the desktop's ask panel, the
 * VR panel). Re-reads only when the document's `answers` change.
 */
export function useSharedAnswers(model: SessionModel): SharedAnswer[] {
  return useDocValue(model.conn.doc, ['answers'], newestFirst);
}

/** Whether this participant presents now (live). */
export function usePresenting(model: SessionModel): boolean {
  const presenter = useDocValue(model.conn.doc, ['presenter'], readPresenter);
  return presenter.clientId !== null && presenter.clientId === model.conn.awareness.clientID;
}
