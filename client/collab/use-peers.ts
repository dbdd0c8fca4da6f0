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

/**
 * Dataset rows other participants hover, as a stable key ("12,907"): components re-render when
 * the set changes, not on every camera move that awareness also carries.
 */
export function usePeerHoverKey(awareness: Awareness): string {
  const subscribe = useCallback(
    (notify: () => void) => {
      awareness.on('change', notify);
      return () => awareness.off('change', notify);
    },
    [awareness],
  );
  const snapshot = () =>
    readPeers(awareness)
      .map((p) => p.state.hovered)
      .filter((r): r is number => r !== null)
      .sort((a, b) => a - b)
      .join(',');
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
