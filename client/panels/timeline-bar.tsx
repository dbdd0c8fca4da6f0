import { useEffect, useRef } from 'react';
import { formatNumber } from '../../shared/encodings/legend.ts';
import { useSession } from '../session/session-model.ts';
import {
  backToRoom,
  formatMoment,
  leaveRoom,
  pause,
  play,
  PLAYBACK_SPEEDS,
  seek,
  setSpeed,
  setWindow,
  startTimeline,
  stopTimeline,
  timeColumns,
  windowChoices,
} from '../session/playback-actions.ts';
import { usePlayback, usePlaybackClockContext } from '../session/use-playback.ts';
import '../styles/timeline.css';

/** Least time between two document writes while someone drags the shared scrubber. */
const SCRUB_WRITE_MS = 120;
const SCRUB_STEPS = 1000;

/**
 * The timeline under the scene: off, a button per time column; on, play/pause, speed, the
 * scrubber with the current date, the trailing window, and the way to scrub alone and back.
 * Renders when the playback changes or a step counts new rows; while playing, the date and
 * the scrubber's thumb move through refs every animation frame, without a React render.
 */
export function TimelineBar() {
  const model = useSession();
  const clock = usePlaybackClockContext();
  const snap = usePlayback();
  const candidates = timeColumns(model.dataset.columns);
  const { playback, alone } = snap;
  // Played to the end: shown as paused (play starts over), though the anchor still says playing.
  const playing = playback.playing && snap.ready && snap.moment < snap.end;
  const dateRef = useRef<HTMLSpanElement>(null);
  const scrubRef = useRef<HTMLInputElement>(null);
  const lastWrite = useRef(0);
  const column = candidates.find((c) => c.name === playback.column) ?? null;
  const type = column?.type ?? 'datetime';

  // The moving parts, every frame while playing: text and thumb set directly.
  useEffect(() => {
    let frame = 0;
    const draw = () => {
      const moment = clock.moment();
      if (dateRef.current) dateRef.current.textContent = formatMoment(moment, type);
      if (scrubRef.current && document.activeElement !== scrubRef.current) scrubRef.current.value = String(moment);
      if (playback.playing && moment < (clock.info?.end ?? moment)) frame = requestAnimationFrame(draw);
    };
    draw();
    return () => cancelAnimationFrame(frame);
  }, [clock, playback, type, snap.ready]);

  if (candidates.length === 0) return null;
  // Editors change the room's playback; a view link can only scrub alone.
  const canChange = alone || model.canEdit;

  if (playback.column === null || !column) {
    if (!model.canEdit) return null;
    return (
      <div className="scene-overlay timeline-bar timeline-off" data-testid="timeline">
        <span className="muted small">Timeline</span>
        {candidates.map((c) => (
          <button key={c.name} type="button" className="small" data-testid="timeline-start" title={`Play the cloud through time by ${c.name}, for everyone`} onClick={() => startTimeline(model, c)}>
            by {c.name}
          </button>
        ))}
      </div>
    );
  }

  const onScrub = (value: number, final: boolean) => {
    const now = Date.now();
    if (!final && now - lastWrite.current < SCRUB_WRITE_MS && !alone) return;
    lastWrite.current = now;
    seek(model, clock, value);
  };
  const step = snap.ready ? (snap.end - snap.start) / SCRUB_STEPS || 1 : 1;
  const windows = windowChoices(type);

  return (
    <div className={`scene-overlay timeline-bar${alone ? ' alone' : ''}`} data-testid="timeline" data-alone={alone} data-playing={playing}>
      <div className="timeline-row">
        <button
          type="button"
          className="timeline-play"
          data-testid="timeline-play"
          disabled={!canChange || !snap.ready}
          aria-label={playing ? 'Pause' : 'Play'}
          title={playing ? 'Pause' : alone ? 'Play (only for you)' : 'Play for everyone'}
          onClick={() => (playing ? pause(model, clock) : play(model, clock))}
        >
          <PlayGlyph playing={playing} />
        </button>
        <span className="timeline-date" data-testid="timeline-date" ref={dateRef} title={`The moment shown (${column.name})`} />
        <input
          ref={scrubRef}
          className="timeline-scrub"
          data-testid="timeline-scrub"
          type="range"
          aria-label={`Moment (${column.name})`}
          min={snap.start}
          max={snap.end}
          step={step}
          disabled={!canChange || !snap.ready}
          defaultValue={snap.moment}
          onInput={(e) => onScrub(Number(e.currentTarget.value), false)}
          onChange={(e) => onScrub(Number(e.currentTarget.value), true)}
        />
        <label className="small muted timeline-field">
          speed
          <select data-testid="timeline-speed" value={playback.speed} disabled={!canChange} onChange={(e) => setSpeed(model, clock, Number(e.target.value))}>
            {PLAYBACK_SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <label className="small muted timeline-field">
          window
          <select
            data-testid="timeline-window"
            value={playback.window === null ? 'all' : String(playback.window)}
            disabled={!canChange}
            onChange={(e) => setWindow(model, clock, e.target.value === 'all' ? null : Number(e.target.value))}
          >
            {windowOptions(windows, playback.window).map((w) => (
              <option key={w.label} value={w.value === null ? 'all' : String(w.value)}>
                {w.label}
              </option>
            ))}
          </select>
        </label>
        {alone ? (
          <button type="button" className="small on" data-testid="timeline-back" title="Show the room's moment again" onClick={() => backToRoom(clock)}>
            ↩ back to the room
          </button>
        ) : (
          <button type="button" className="small" data-testid="timeline-leave" title="Scrub on your own; nobody else's view changes" onClick={() => leaveRoom(clock)}>
            scrub alone
          </button>
        )}
        {model.canEdit && !alone && (
          <button type="button" className="icon small" data-testid="timeline-stop" aria-label="Turn the timeline off" title="Turn the timeline off for everyone (every point shows again)" onClick={() => stopTimeline(model)}>
            ✕
          </button>
        )}
      </div>
      <div className="timeline-row small muted" data-testid="timeline-status">
        <span>{alone ? 'Scrubbing alone: the room does not see your moment.' : `Shared with the room${playback.author ? ` · last set by ${playback.author}` : ''}.`}</span>
        <span>
          {formatNumber(snap.inCount)} {snap.inCount === 1 ? 'row' : 'rows'} {playback.window !== null ? 'in the window, older ones fade' : 'so far'}
        </span>
        {snap.missing > 0 && <span data-testid="timeline-missing">{formatNumber(snap.missing)} rows without a date are hidden while the timeline is on</span>}
        {!snap.ready && <span>loading {column.name}…</span>}
      </div>
    </div>
  );
}

/** Drawn, not a font glyph: the pause sign is missing from common fonts (a box on headsets and Linux). */
function PlayGlyph({ playing }: { playing: boolean }) {
  return (
    <svg width="12" height="14" viewBox="0 0 12 14" aria-hidden="true" fill="currentColor">
      {playing ? (
        <>
          <rect x="1" y="1" width="3.5" height="12" rx="1" />
          <rect x="7.5" y="1" width="3.5" height="12" rx="1" />
        </>
      ) : (
        <path d="M1.5 1 L11 7 L1.5 13 Z" />
      )}
    </svg>
  );
}

/** The offered windows, plus the stored one when someone set a span the list lacks. */
function windowOptions(windows: { value: number | null; label: string }[], current: number | null): { value: number | null; label: string }[] {
  if (windows.some((w) => w.value === current)) return windows;
  return [...windows, { value: current, label: `${formatNumber(current ?? 0)} (custom)` }];
}
