import { writePlayback, type PlaybackPatch } from '../../shared/session/index.ts';
import type { ColumnDescription } from '../../shared/api-types.ts';
import type { PlaybackClock } from './playback-clock.ts';
import { authorOf, type SessionModel } from './session-model.ts';

const DAY_MS = 86_400_000;

/** Speeds the timeline offers (× the play-through rate: 1× plays the whole range in a minute). */
export const PLAYBACK_SPEEDS = [0.5, 1, 2, 4, 8] as const;

/** "Year", "year_built", "Birth year", "yr": a word year or yr (not "yearly"). */
const YEAR_NAME = /(^|[^a-z])(years?|yr)([^a-z]|$)/i;

/**
 * Columns a timeline can run on: dates, and numbers named like a year ("year", "Year built").
 * A number column is only offered by its name: its values are not loaded to decide.
 */
export function timeColumns(columns: readonly ColumnDescription[]): ColumnDescription[] {
  return columns.filter((c) => c.type === 'datetime' || (c.type === 'number' && YEAR_NAME.test(c.name)));
}

/** Trailing windows offered for a column: a span in its units and how it reads; null = everything so far. */
export function windowChoices(type: ColumnDescription['type']): { value: number | null; label: string }[] {
  if (type === 'datetime') {
    return [
      { value: 7 * DAY_MS, label: '1 week' },
      { value: 30 * DAY_MS, label: '30 days' },
      { value: 91 * DAY_MS, label: '3 months' },
      { value: 365 * DAY_MS, label: '1 year' },
      { value: null, label: 'everything so far' },
    ];
  }
  return [
    { value: 1, label: '1 year' },
    { value: 5, label: '5 years' },
    { value: 10, label: '10 years' },
    { value: null, label: 'everything so far' },
  ];
}

/** The moment as people read it: a date (UTC, as stored) or a year. */
export function formatMoment(value: number, type: ColumnDescription['type']): string {
  if (!Number.isFinite(value)) return '';
  if (type === 'datetime') {
    const date = new Date(value);
    // Before the column loads the position may be one no date has (the start of a new timeline).
    return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10);
  }
  return String(Math.floor(value));
}

/**
 * Changes the playback this participant sees: the room's (written to the document, one
 * transaction, everyone follows) or, after leaving it, their own.
 */
function change(model: SessionModel, clock: PlaybackClock, patch: PlaybackPatch): void {
  if (clock.alone) clock.patchLocal(patch);
  else if (model.canEdit) writePlayback(model.conn.doc, patch, authorOf(model), model.conn.origins.user);
}

/** Turns the timeline on for the room, paused at the start of `column`, with its default window. */
export function startTimeline(model: SessionModel, column: ColumnDescription): void {
  const windows = windowChoices(column.type);
  writePlayback(model.conn.doc, { column: column.name, playing: false, position: -Number.MAX_VALUE, anchorMs: Date.now(), speed: 1, window: windows[1].value }, authorOf(model), model.conn.origins.user);
}

/** Turns the timeline off for the room: every point shows again. */
export function stopTimeline(model: SessionModel): void {
  writePlayback(model.conn.doc, { column: null, playing: false }, authorOf(model), model.conn.origins.user);
}

/** Plays from the moment shown now (from the start again when it had reached the end). */
export function play(model: SessionModel, clock: PlaybackClock): void {
  const info = clock.info;
  const at = clock.moment();
  const position = info && at >= info.end ? info.start : Math.max(at, info?.start ?? at);
  change(model, clock, { playing: true, position, anchorMs: Date.now() });
}

export function pause(model: SessionModel, clock: PlaybackClock): void {
  change(model, clock, { playing: false, position: clock.moment(), anchorMs: Date.now() });
}

/** Jumps to `position` (a value of the time column); keeps playing from there if it played. */
export function seek(model: SessionModel, clock: PlaybackClock, position: number): void {
  change(model, clock, { position, anchorMs: Date.now() });
}

/** A new speed from the moment shown now (re-anchored, so nobody jumps). */
export function setSpeed(model: SessionModel, clock: PlaybackClock, speed: number): void {
  change(model, clock, { speed, position: clock.moment(), anchorMs: Date.now() });
}

export function setWindow(model: SessionModel, clock: PlaybackClock, window: number | null): void {
  change(model, clock, { window });
}

/** Leaves the room's playback to scrub alone (nothing is written; others are unaffected). */
export function leaveRoom(clock: PlaybackClock): void {
  clock.leave();
}

/** Back to the room's playback, at the room's moment. */
export function backToRoom(clock: PlaybackClock): void {
  clock.backToRoom();
}
