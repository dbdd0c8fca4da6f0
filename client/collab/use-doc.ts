import { useCallback, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { onSessionChange, type SessionPart } from '../../shared/session/index.ts';

/**
 * A value read from the session document that re-reads (and re-renders) only when one of the
 * given parts changes, local or remote. `read` must go through the shared/session accessors.
 */
export function useDocValue<T>(doc: Y.Doc, parts: readonly SessionPart[], read: (doc: Y.Doc) => T): T {
  const cache = useRef<{ doc: Y.Doc; value: T } | null>(null);
  const readRef = useRef(read);
  readRef.current = read;
  const partsKey = parts.join(',');
  const subscribe = useCallback(
    (notify: () => void) =>
      onSessionChange(doc, (changed) => {
        if (partsKey.split(',').some((p) => changed.has(p as SessionPart))) {
          cache.current = null;
          notify();
        }
      }),
    [doc, partsKey],
  );
  const snapshot = () => {
    if (!cache.current || cache.current.doc !== doc) cache.current = { doc, value: readRef.current(doc) };
    return cache.current.value;
  };
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
