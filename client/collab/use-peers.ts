import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { readPeers, type Peer } from './presence.ts';

/** Other participants, re-read when awareness changes (joins, leaves, moves). */
export function usePeers(awareness: Awareness): Peer[] {
  const cache = useRef<Peer[] | null>(null);
  const subscribe = useCallback(
    (notify: () => void) => {
      const handler = () => {
        cache.current = null;
        notify();
      };
      awareness.on('change', handler);
      return () => awareness.off('change', handler);
    },
    [awareness],
  );
  const snapshot = () => (cache.current ??= readPeers(awareness));
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
