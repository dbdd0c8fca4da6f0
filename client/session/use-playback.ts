import { createContext, useContext, useEffect, useMemo, useSyncExternalStore } from 'react';
import { readPlayback } from '../../shared/session/index.ts';
import { useDocValue } from '../collab/use-doc.ts';
import type { TimeLens } from '../scene/types.ts';
import { PlaybackClock, type PlaybackSnapshot } from './playback-clock.ts';
import type { SessionModel } from './session-model.ts';

/** The session page's timeline clock (SessionView provides it; the VR panel reads it too). */
export const PlaybackContext = createContext<PlaybackClock | null>(null);

/**
 * Creates the page's clock and keeps it fed: the room's playback from the document, and each
 * point's time once the chosen column is loaded (dataset rows mapped to points).
 */
export function usePlaybackClock(model: SessionModel): PlaybackClock {
  const clock = useMemo(() => new PlaybackClock(), [model]);
  useEffect(() => () => clock.dispose(), [clock]);
  const shared = useDocValue(model.conn.doc, ['playback'], readPlayback);
  useEffect(() => clock.setShared(shared), [clock, shared]);
  const column = shared.column;
  const columnsVersion = useSyncExternalStore(model.columns.subscribe, model.columns.getVersion);
  useEffect(() => {
    if (column !== null) model.columns.ensure([column]);
  }, [model, column]);
  const data = column !== null ? model.columns.columns.get(column) : undefined;
  useEffect(() => {
    if (!data || (data.type !== 'datetime' && data.type !== 'number')) {
      clock.setTimes(null);
      return;
    }
    const { rowIndex, count } = model.arrays;
    const times = new Float64Array(count);
    for (let p = 0; p < count; p++) times[p] = data.values[rowIndex[p]];
    clock.setTimes(times);
    // columnsVersion: the column object arrives with a version change.
  }, [clock, model, data, columnsVersion]);
  return clock;
}

export function usePlaybackClockContext(): PlaybackClock {
  const clock = useContext(PlaybackContext);
  if (!clock) throw new Error('usePlayback outside a session page');
  return clock;
}

/**
 * The timeline as this participant sees it (the room's or their own), re-rendering at most
 * once per playback step, never per animation frame. Actions: playback-actions.ts.
 */
export function usePlayback(): PlaybackSnapshot {
  const clock = usePlaybackClockContext();
  return useSyncExternalStore(clock.subscribe, clock.getSnapshot, clock.getSnapshot);
}

/**
 * The lens the scene draws time with while the timeline is on (null: off or loading). A new
 * object per playback change (play, pause, scrub, window), so a paused scrub redraws; not per
 * step while playing (the scene reads the moment itself). The times array stays the same one.
 */
export function useTimeLens(clock: PlaybackClock | null): TimeLens | null {
  const subscribe = clock?.subscribe ?? NO_SUBSCRIBE;
  const playback = useSyncExternalStore(subscribe, () => clock?.getSnapshot().playback ?? null);
  const ready = useSyncExternalStore(subscribe, () => clock?.getSnapshot().ready ?? false);
  const on = !!playback && playback.column !== null && ready;
  return useMemo(() => (on && clock?.lens ? { ...clock.lens } : null), [clock, on, playback]);
}

const NO_SUBSCRIBE = (): (() => void) => () => {};

/** A number that changes when the timeline's visible set (or its on/off state) changes: for memo keys. */
export function usePlaybackSteps(clock: PlaybackClock): string {
  const key = () => {
    const s = clock.getSnapshot();
    return `${s.playback.column ?? ''}:${s.ready}:${s.version}`;
  };
  return useSyncExternalStore(clock.subscribe, key, key);
}

/** True while the timeline is on (re-renders only when that changes). */
export function usePlaybackOn(): boolean {
  const clock = usePlaybackClockContext();
  const on = () => clock.getSnapshot().playback.column !== null;
  return useSyncExternalStore(clock.subscribe, on, on);
}
