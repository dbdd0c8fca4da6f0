import { NO_PLAYBACK, playbackMoment, playbackRate, type Playback, type PlaybackPatch } from '../../shared/session/index.ts';
import { TimeCursor } from '../../shared/time/time-cursor.ts';
import { buildTimeIndex, fadeOf, type TimeIndex } from '../../shared/time/time-window.ts';
import { UNDATED, type TimeLens } from '../scene/types.ts';

/** How often a playing timeline re-counts its rows: counts and the legend follow at this step. */
export const PLAYBACK_STEP_MS = 200;

/** What React shows of the timeline; a new object at most once per step (never per frame). */
export interface PlaybackSnapshot {
  /** The playback this participant sees: the room's, or their own after leaving it. */
  playback: Playback;
  /** Scrubbing alone (left the room's playback). */
  alone: boolean;
  /** The time column is loaded and has dated rows. */
  ready: boolean;
  start: number;
  end: number;
  /** Rows without a time (hidden while the timeline is on). */
  missing: number;
  /** Rows in the window at the last step (the filters narrow it further in the cloud). */
  inCount: number;
  /** The moment at the last step. */
  moment: number;
  /** Bumped whenever the per-point time state changed. */
  version: number;
}

/**
 * The timeline of one session page, outside React: the room's playback (from the document) or
 * this participant's own after they leave it, the time column, and the cursor that keeps the
 * visible set. While playing, a timer steps the cursor every PLAYBACK_STEP_MS and notifies only
 * when some row changed state; the scene reads `lens` every frame for its uniforms.
 */
export class PlaybackClock {
  private shared: Playback = NO_PLAYBACK;
  private local: Playback | null = null;
  private index: TimeIndex | null = null;
  private cursor: TimeCursor | null = null;
  private rate = 1;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly listeners = new Set<() => void>();
  private snapshot: PlaybackSnapshot;
  /** The scene's view of the timeline (null while off or not loaded). */
  lens: TimeLens | null = null;

  constructor(private readonly now: () => number = Date.now) {
    this.snapshot = this.makeSnapshot();
  }

  get playback(): Playback {
    return this.local ?? this.shared;
  }

  get alone(): boolean {
    return this.local !== null;
  }

  /** Per-point time state (TimeState) while the timeline shows, else null. */
  get timeState(): { state: Uint8Array; version: number } | null {
    return this.cursor && this.playback.column !== null ? { state: this.cursor.state, version: this.cursor.version } : null;
  }

  get info(): { start: number; end: number; missing: number } | null {
    return this.index && this.index.order.length > 0 ? { start: this.index.start, end: this.index.end, missing: this.index.missing } : null;
  }

  /** The moment shown at wall-clock `nowMs`. */
  moment(nowMs = this.now()): number {
    const info = this.info;
    if (!info) return this.playback.position;
    // A position before the first time (a timeline just turned on) shows the start.
    return Math.max(info.start, playbackMoment(this.playback, nowMs, this.rate, info.end));
  }

  /** Column units 1× moves per wall-clock ms. */
  get unitsPerMs(): number {
    return this.rate;
  }

  setShared(playback: Playback): void {
    this.shared = playback;
    // Turned off for the room: a participant scrubbing alone comes back (nothing to scrub).
    if (playback.column === null || (this.local && this.local.column !== playback.column)) this.local = null;
    this.changed();
  }

  /** Each point's time (epoch ms or year; NaN: none), or null while the column loads. */
  setTimes(times: Float64Array | null): void {
    if (!times) {
      this.index = this.cursor = this.lens = null;
    } else {
      const index = buildTimeIndex(times);
      this.index = index;
      this.cursor = new TimeCursor(index, times.length);
      this.rate = playbackRate(index.start, index.end);
      this.lens = this.lensOf(times, index);
    }
    this.changed();
  }

  /** Leaves the room's playback: from now on this participant scrubs alone, paused where the room is. */
  leave(): void {
    this.local = { ...this.shared, playing: false, position: this.moment() };
    this.changed();
  }

  backToRoom(): void {
    this.local = null;
    this.changed();
  }

  /** Applies a change to this participant's own playback (only while alone). */
  patchLocal(patch: PlaybackPatch): void {
    if (!this.local) return;
    const next = { ...this.local };
    for (const [key, value] of Object.entries(patch)) if (value !== undefined) (next as Record<string, unknown>)[key] = value;
    this.local = next;
    this.changed();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): PlaybackSnapshot => this.snapshot;

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  /** Moves the cursor to the moment now; notifies when a row changed state. */
  step(): void {
    const cursor = this.cursor;
    const p = this.playback;
    if (!cursor || p.column === null) return;
    const moment = this.moment();
    if (cursor.moveTo({ moment, window: p.window, fade: fadeOf(p.window) }) > 0 || moment !== this.snapshot.moment) this.publish();
    if (this.timer && (!p.playing || moment >= (this.info?.end ?? moment))) this.stopTimer();
  }

  private changed(): void {
    const p = this.playback;
    const playing = p.playing && p.column !== null && this.cursor !== null;
    if (playing && !this.timer) this.timer = setInterval(() => this.step(), PLAYBACK_STEP_MS);
    if (!playing) this.stopTimer();
    this.step();
    this.publish();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private publish(): void {
    this.snapshot = this.makeSnapshot();
    for (const listener of this.listeners) listener();
  }

  private makeSnapshot(): PlaybackSnapshot {
    const info = this.info;
    return {
      playback: this.playback,
      alone: this.alone,
      ready: info !== null,
      start: info?.start ?? 0,
      end: info?.end ?? 0,
      missing: this.index?.missing ?? 0,
      inCount: this.cursor?.inCount ?? 0,
      moment: this.moment(),
      version: this.cursor?.version ?? 0,
    };
  }

  /** Times on a [0, 1] scale over the timeline (float32 keeps them exact enough there). */
  private lensOf(times: Float64Array, index: TimeIndex): TimeLens {
    const span = index.end > index.start ? index.end - index.start : 1;
    const scaled = new Float32Array(times.length);
    for (let i = 0; i < times.length; i++) scaled[i] = Number.isFinite(times[i]) ? (times[i] - index.start) / span : UNDATED;
    return {
      times: scaled,
      frame: (nowMs, out) => {
        const p = this.playback;
        out.moment = (this.moment(nowMs) - index.start) / span;
        out.window = p.window === null ? UNDATED : p.window / span;
        out.fade = fadeOf(p.window) / span;
      },
      moving: (nowMs) => this.playback.playing && this.moment(nowMs) < index.end,
    };
  }
}
