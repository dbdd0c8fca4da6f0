import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CloudBuilder } from '../../../client/encodings/cloud-builder.ts';
import { PlaybackClock } from '../../../client/session/playback-clock.ts';
import type { PointContext } from '../../../shared/encodings/point-context.ts';
import { PointFlag } from '../../../shared/scene/flags.ts';
import { DEFAULT_VIEW, EMPTY_SELECTION, NO_PLAYBACK, PLAY_THROUGH_MS, type Playback } from '../../../shared/session/index.ts';
import { assetPath } from '../../support/assets.ts';

const DAY = 86_400_000;
const dates = Float64Array.from(
  readFileSync(assetPath('seattle'), 'utf8').trim().split('\n').slice(1),
  (l) => Date.parse(`${l.split(',')[0]}T00:00:00Z`),
);
const start = dates[0];
const end = dates[dates.length - 1];
const countUpTo = (moment: number, window: number | null) => dates.filter((t) => t <= moment && (window === null || t > moment - window)).length;

function clockAt(nowRef: { now: number }, playback: Partial<Playback>): PlaybackClock {
  const clock = new PlaybackClock(() => nowRef.now);
  clock.setTimes(dates);
  clock.setShared({ ...NO_PLAYBACK, column: 'date', ...playback });
  return clock;
}

describe('PlaybackClock (Seattle weather)', () => {
  it('counts, at each step of the room playing, the rows a direct count of the CSV gives', () => {
    const t = { now: 1_000_000 };
    const clock = clockAt(t, { playing: true, position: start, anchorMs: t.now, speed: 4, window: 30 * DAY });
    for (let s = 0; s < 40; s++) {
      t.now += 333;
      clock.step();
      const { moment, inCount } = clock.getSnapshot();
      expect(moment).toBe(Math.min(end, start + (t.now - 1_000_000) * 4 * ((end - start) / PLAY_THROUGH_MS)));
      expect(inCount).toBe(countUpTo(moment, 30 * DAY));
    }
    clock.dispose();
  });

  it('scrubs alone without touching the room, and comes back to the room moment', () => {
    const t = { now: 5_000 };
    const clock = clockAt(t, { playing: true, position: start, anchorMs: 5_000, window: null });
    t.now += 10_000;
    const roomMoment = clock.moment();
    clock.leave();
    expect(clock.alone).toBe(true);
    expect(clock.playback.playing).toBe(false);
    expect(clock.moment()).toBe(roomMoment);
    clock.patchLocal({ position: Date.UTC(2013, 0, 1) });
    expect(clock.getSnapshot().inCount).toBe(countUpTo(Date.UTC(2013, 0, 1), null));
    // The room goes on (someone pauses it elsewhere): this page stays where it scrubbed.
    clock.setShared({ ...NO_PLAYBACK, column: 'date', playing: false, position: Date.UTC(2014, 0, 1) });
    expect(clock.moment()).toBe(Date.UTC(2013, 0, 1));
    clock.backToRoom();
    expect(clock.moment()).toBe(Date.UTC(2014, 0, 1));
    expect(clock.getSnapshot().inCount).toBe(countUpTo(Date.UTC(2014, 0, 1), null));
    // The room turning the timeline off brings a lone scrubber back too.
    clock.leave();
    clock.setShared(NO_PLAYBACK);
    expect(clock.alone).toBe(false);
    clock.dispose();
  });

  it('gives the scene the moment, window and fade on the [0, 1] scale of its times', () => {
    const t = { now: 0 };
    const clock = clockAt(t, { playing: false, position: Date.UTC(2014, 0, 1), window: 30 * DAY });
    const lens = clock.lens!;
    const out = { moment: 0, window: 0, fade: 0 };
    lens.frame(t.now, out);
    expect(out.moment).toBeCloseTo((Date.UTC(2014, 0, 1) - start) / (end - start), 6);
    expect(out.window).toBeCloseTo((30 * DAY) / (end - start), 6);
    expect(out.fade).toBeCloseTo(out.window / 2, 6);
    expect(lens.times[0]).toBe(0);
    expect(lens.times[dates.length - 1]).toBe(1);
    expect(lens.moving(t.now)).toBe(false);
    clock.dispose();
  });

  it('narrows counts and flags to the window at 100k points (a step measured, figure printed)', () => {
    const n = 100_000;
    const times = Float64Array.from({ length: n }, (_, i) => dates[i % dates.length]);
    const ctx: PointContext = {
      count: n,
      rowIndex: Uint32Array.from({ length: n }, (_, i) => i),
      cluster: Int32Array.from({ length: n }, (_, i) => i % 3),
      anomaly: new Float32Array(n),
      anomalyFlag: new Uint8Array(n),
      columns: new Map(),
      clusterLabels: new Map(),
    };
    const t = { now: 0 };
    const clock = new PlaybackClock(() => t.now);
    clock.setTimes(times);
    clock.setShared({ ...NO_PLAYBACK, column: 'date', playing: false, position: Date.UTC(2013, 5, 30), window: 30 * DAY });
    const builder = new CloudBuilder();
    const base = { ctx, embedding: new Float32Array(n * 3), view: DEFAULT_VIEW, filters: [], selection: EMPTY_SELECTION, search: null, hoveredByOthers: [], knownColumns: new Set<string>() };
    const out = builder.build({ ...base, time: clock.timeState });
    const expected = Array.from(times).filter((v) => v <= Date.UTC(2013, 5, 30) && v > Date.UTC(2013, 5, 30) - 30 * DAY).length;
    expect(out.filter.passCount).toBe(expected);
    let outOfTime = 0;
    for (let i = 0; i < n; i++) if (out.data.flags[i] & PointFlag.OutOfTime) outOfTime++;
    expect(outOfTime).toBe(n - expected);
    // Every point keeps its filter bit: the scene draws time itself.
    expect(out.data.flags.every((f) => (f & PointFlag.PassesFilter) !== 0)).toBe(true);
    // Steps one day at a time: each is a cursor move plus one pass over the points for counts and flags.
    const steps = 60;
    const t0 = performance.now();
    for (let s = 1; s <= steps; s++) {
      clock.setShared({ ...NO_PLAYBACK, column: 'date', playing: false, position: Date.UTC(2013, 5, 30) + s * DAY, window: 30 * DAY });
      builder.build({ ...base, time: clock.timeState });
    }
    const perStep = (performance.now() - t0) / steps;
    const last = builder.build({ ...base, time: clock.timeState });
    expect(last.filter.passCount).toBe(clock.getSnapshot().inCount);
    console.log(`timeline step at 100k points (cursor + counts + flags): ${perStep.toFixed(2)} ms`);
    clock.dispose();
  });
});
