import type * as Y from 'yjs';
import { SessionDocError } from './errors.ts';
import { LIMITS } from './limits.ts';
import { playbackMap } from './roots.ts';
import { columnSchema, nameSchema, playbackSpeedSchema, timeSchema } from './schema.ts';
import type { Playback } from './types.ts';

/**
 * The shared timeline. Playing stores an anchor (the wall-clock ms play started and the
 * position then), so every client computes the same moment from its own clock: nothing is
 * written per frame, only when someone plays, pauses, scrubs, or changes speed or window.
 */
export const NO_PLAYBACK: Playback = { column: null, playing: false, position: 0, anchorMs: 0, speed: 1, window: null, author: '', updatedAt: 0 };

const finiteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The stored playback; every field that fails its schema reads as its default. */
export function readPlayback(doc: Y.Doc): Playback {
  const map = playbackMap(doc);
  const column = columnSchema.safeParse(map.get('column'));
  if (!column.success) return NO_PLAYBACK;
  const position = map.get('position');
  const window = map.get('window');
  return {
    column: column.data,
    playing: map.get('playing') === true,
    position: finiteNumber(position) ? position : 0,
    anchorMs: timeSchema.safeParse(map.get('anchorMs')).data ?? 0,
    speed: playbackSpeedSchema.safeParse(map.get('speed')).data ?? 1,
    window: finiteNumber(window) && window > 0 ? window : null,
    author: nameSchema.safeParse(map.get('author')).data ?? '',
    updatedAt: timeSchema.safeParse(map.get('updatedAt')).data ?? 0,
  };
}

/**
 * The moment (a value of the time column) the playback shows at wall-clock `nowMs`.
 * `unitsPerMs` is how far 1× moves per millisecond (playbackRate); the moment stops at `end`.
 */
export function playbackMoment(p: Pick<Playback, 'playing' | 'position' | 'anchorMs' | 'speed'>, nowMs: number, unitsPerMs: number, end: number): number {
  if (!p.playing) return p.position;
  const moved = p.position + Math.max(0, nowMs - p.anchorMs) * p.speed * unitsPerMs;
  return Math.min(end, Math.max(p.position, moved));
}

/** How long a whole timeline takes at 1× (so 8× plays it in 7.5 s). */
export const PLAY_THROUGH_MS = 60_000;

/** Column units per wall-clock ms at 1×: the whole range [start, end] in PLAY_THROUGH_MS. */
export function playbackRate(start: number, end: number): number {
  return end > start ? (end - start) / PLAY_THROUGH_MS : 1 / PLAY_THROUGH_MS;
}

export interface PlaybackPatch {
  column?: string | null;
  playing?: boolean;
  position?: number;
  anchorMs?: number;
  speed?: number;
  window?: number | null;
}

/**
 * Writes the given fields in one transaction. `column: null` turns the timeline off for
 * everyone. Throws SessionDocError on values the reader would reject.
 */
export function writePlayback(doc: Y.Doc, patch: PlaybackPatch, author: string, origin: unknown = null): void {
  if (patch.column !== undefined && patch.column !== null && !columnSchema.safeParse(patch.column).success) {
    throw new SessionDocError('invalid_playback', `a time column name is 1–${LIMITS.columnLength} characters`);
  }
  if (patch.position !== undefined && !finiteNumber(patch.position)) throw new SessionDocError('invalid_playback', 'the position is a finite number');
  if (patch.anchorMs !== undefined && !timeSchema.safeParse(patch.anchorMs).success) throw new SessionDocError('invalid_playback', 'the anchor is a wall-clock time in ms');
  if (patch.speed !== undefined && !playbackSpeedSchema.safeParse(patch.speed).success) {
    throw new SessionDocError('invalid_playback', `the speed is between ${LIMITS.playbackSpeedMin}× and ${LIMITS.playbackSpeedMax}×`);
  }
  if (patch.window !== undefined && patch.window !== null && !(finiteNumber(patch.window) && patch.window > 0)) {
    throw new SessionDocError('invalid_playback', 'the window is a positive span (or null: everything so far)');
  }
  if (!nameSchema.safeParse(author).success) throw new SessionDocError('invalid_playback', 'invalid author name');
  doc.transact(() => {
    const map = playbackMap(doc);
    for (const [key, value] of Object.entries(patch)) if (value !== undefined && map.get(key) !== value) map.set(key, value);
    map.set('author', author);
    map.set('updatedAt', Date.now());
  }, origin);
}
