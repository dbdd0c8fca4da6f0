import { Container, Text } from '@react-three/uikit';
import { useEffect, useSyncExternalStore } from 'react';
import type { ColumnType } from '../../shared/table.ts';
import { formatNumber } from '../../shared/encodings/legend.ts';
import { backToRoom, formatMoment, leaveRoom, pause, play, seek, setSpeed, setWindow, startTimeline, stopTimeline, timeColumns, windowChoices } from '../session/playback-actions.ts';
import { useSession } from '../session/session-model.ts';
import type { PlaybackClock } from '../session/playback-clock.ts';
import { usePlayback, usePlaybackClockContext } from '../session/use-playback.ts';
import { PANEL_FONT, PANEL_MUTED, PANEL_TEXT, PanelButton } from './panel-button.tsx';
import type { Keep } from './panel-pager.tsx';
import type { PanelState } from './panel-state.ts';
import { panelText } from './panel-text.ts';
import { steppedMoment, steppedSpeed } from './time-steps.ts';


/**
 * The Time page of the VR panel: the shared timeline's controls, each one of the desktop
 * timeline's own playback actions (the room's playback in the document, or this participant's
 * own after "scrub alone"), so desktop pages follow and the cloud here shows the same moment.
 * Off: editors start it on a time column. The buttons render when the playback changes (play,
 * pause, speed, window, alone); only the date and the row count (TimeReadout) render per
 * playback step while playing, never per frame: the date shown is the moment of the last step.
 */
export function XrPanelTime({ keep, click, state }: { keep: Keep; click: () => void; state: PanelState }) {
  const model = useSession();
  const clock = usePlaybackClockContext();
  const { playback, alone, ready, ended, start, end } = usePlaybackControls(clock);
  const candidates = timeColumns(model.dataset.columns);
  const column = candidates.find((c) => c.name === playback.column) ?? null;
  const type = column?.type ?? 'datetime';
  // Played to the end: shown as paused (play starts over), as on the desktop.
  const playing = playback.playing && ready && !ended;
  useEffect(() => {
    if (!column) state.shown.moment = '';
    state.shown.playing = column ? playing : false;
    state.shown.alone = alone;
  });
  const canChange = alone || model.canEdit;
  const act = (f: () => void) => () => {
    click();
    if (canChange && ready) f();
  };

  if (!column) {
    return (
      <>
        <Text fontSize={PANEL_FONT} color={PANEL_MUTED}>
          {model.canEdit ? 'Timeline off. Play the cloud through time, for everyone, by:' : 'Timeline off (an editor can start it).'}
        </Text>
        {model.canEdit && (
          <Container flexDirection="row" flexWrap="wrap" gap={6}>
            {candidates.map((c) => (
              <PanelButton key={c.name} refKey={keep(`time:start:${c.name}`)} onClick={() => {
                click();
                startTimeline(model, c);
              }}>
                {panelText(c.name)}
              </PanelButton>
            ))}
          </Container>
        )}
      </>
    );
  }

  const step = (dir: -1 | 1) => act(() => seek(model, clock, steppedMoment(clock.moment(), start, end, dir)));
  return (
    <>
      <TimeReadout type={type} columnName={column.name} state={state} />
      <Container flexDirection="row" flexWrap="wrap" gap={6} alignItems="center">
        <PanelButton refKey={keep('time:back')} disabled={!canChange} onClick={step(-1)}>
          {'<< back'}
        </PanelButton>
        <PanelButton refKey={keep('time:play')} active={playing} disabled={!canChange} onClick={act(() => (playing ? pause(model, clock) : play(model, clock)))}>
          {playing ? 'pause' : 'play'}
        </PanelButton>
        <PanelButton refKey={keep('time:forward')} disabled={!canChange} onClick={step(1)}>
          {'forward >>'}
        </PanelButton>
      </Container>
      <Container flexDirection="row" flexWrap="wrap" gap={6} alignItems="center">
        <Text fontSize={PANEL_FONT} color={PANEL_MUTED}>
          Speed
        </Text>
        <PanelButton refKey={keep('time:slower')} disabled={!canChange} onClick={act(() => setSpeed(model, clock, steppedSpeed(playback.speed, -1)))}>
          -
        </PanelButton>
        <Text fontSize={PANEL_FONT} color={PANEL_TEXT}>
          {`${playback.speed}x`}
        </Text>
        <PanelButton refKey={keep('time:faster')} disabled={!canChange} onClick={act(() => setSpeed(model, clock, steppedSpeed(playback.speed, 1)))}>
          +
        </PanelButton>
      </Container>
      <Container flexDirection="row" flexWrap="wrap" gap={6} alignItems="center">
        <Text fontSize={PANEL_FONT} color={PANEL_MUTED}>
          Window
        </Text>
        {windowChoices(type).map((w) => (
          <PanelButton key={w.label} refKey={keep(`time:window:${w.value ?? 'all'}`)} active={playback.window === w.value} disabled={!canChange} onClick={act(() => setWindow(model, clock, w.value))}>
            {w.value === null ? 'all so far' : w.label}
          </PanelButton>
        ))}
      </Container>
      <Container flexDirection="row" flexWrap="wrap" gap={6} alignItems="center">
        {alone ? (
          <PanelButton refKey={keep('time:back-to-room')} active onClick={() => {
            click();
            backToRoom(clock);
          }}>
            back to the room
          </PanelButton>
        ) : (
          <PanelButton refKey={keep('time:alone')} onClick={() => {
            click();
            leaveRoom(clock);
          }}>
            scrub alone
          </PanelButton>
        )}
        {model.canEdit && !alone && (
          <PanelButton refKey={keep('time:stop')} onClick={() => {
            click();
            stopTimeline(model);
          }}>
            timeline off
          </PanelButton>
        )}
      </Container>
      <Text fontSize={PANEL_FONT} color={PANEL_MUTED}>
        {alone ? 'Alone: the room does not see your moment.' : 'Shared with the room.'}
      </Text>
    </>
  );
}

/**
 * The moment's date, its column and the rows shown: the only part of the page that renders per
 * playback step. One line at a fixed size, so the panel's layout (and the buttons under a ray)
 * stays put while it plays.
 */
function TimeReadout({ type, columnName, state }: { type: ColumnType; columnName: string; state: PanelState }) {
  const snap = usePlayback();
  const moment = snap.ready ? formatMoment(snap.moment, type) : '';
  useEffect(() => {
    state.shown.moment = moment;
  });
  return (
    <Container flexDirection="row" gap={10} alignItems="center">
      <Text fontSize={22} color={PANEL_TEXT} fontWeight="semi-bold">
        {moment || '...'}
      </Text>
      <Text fontSize={PANEL_FONT} color={PANEL_MUTED}>
        {snap.ready ? `${panelText(columnName)}, ${formatNumber(snap.inCount)} ${snap.inCount === 1 ? 'row' : 'rows'}` : `loading ${panelText(columnName)}`}
      </Text>
    </Container>
  );
}

/** The playback's parts the buttons show, each re-read only when it changes (not per step). */
function usePlaybackControls(clock: PlaybackClock) {
  const snap = clock.getSnapshot;
  const playback = useSyncExternalStore(clock.subscribe, () => snap().playback);
  const alone = useSyncExternalStore(clock.subscribe, () => snap().alone);
  const ready = useSyncExternalStore(clock.subscribe, () => snap().ready);
  // Played to the end (play starts over).
  const ended = useSyncExternalStore(clock.subscribe, () => snap().ready && snap().moment >= snap().end);
  const start = useSyncExternalStore(clock.subscribe, () => snap().start);
  const end = useSyncExternalStore(clock.subscribe, () => snap().end);
  return { playback, alone, ready, ended, start, end };
}
