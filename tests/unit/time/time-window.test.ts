import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TimeCursor } from '../../../shared/time/time-cursor.ts';
import { buildTimeIndex, fadeOf, TimeState } from '../../../shared/time/time-window.ts';
import { assetPath, loadAsset } from '../../support/assets.ts';

const DAY = 86_400_000;

/** The dates straight from the CSV text, not through our ingest: the reference to count against. */
function csvDates(): number[] {
  const lines = readFileSync(assetPath('seattle'), 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => Date.parse(`${line.split(',')[0]}T00:00:00Z`));
}

describe('time → visible set (Seattle weather)', async () => {
  const table = await loadAsset('seattle');
  const column = table.columns.find((c) => c.name === 'date')!.data;
  if (column.type !== 'datetime') throw new Error('date should read as a datetime column');
  const times = column.values;
  const reference = csvDates();

  it('counts, at every step of a 30-day window played through, what a direct count of the CSV gives', () => {
    const index = buildTimeIndex(times);
    expect(index.missing).toBe(0);
    expect(index.order.length).toBe(reference.length);
    const window = 30 * DAY;
    const fade = fadeOf(window);
    const cursor = new TimeCursor(index, times.length);
    let steps = 0;
    for (let moment = index.start - 5 * DAY; moment <= index.end + 60 * DAY; moment += 7 * DAY + 3_600_000) {
      cursor.moveTo({ moment, window, fade });
      const direct = reference.filter((t) => t <= moment && t > moment - window).length;
      const fading = reference.filter((t) => t <= moment - window && t > moment - window - fade).length;
      expect(cursor.inCount).toBe(direct);
      expect(cursor.state.reduce((n, s) => n + (s === TimeState.In ? 1 : 0), 0)).toBe(direct);
      expect(cursor.state.reduce((n, s) => n + (s === TimeState.Fading ? 1 : 0), 0)).toBe(fading);
      steps++;
    }
    expect(steps).toBeGreaterThan(200);
    // Daily data: a 30-day window in the middle of the record holds exactly 30 rows.
    cursor.moveTo({ moment: Date.UTC(2013, 5, 15), window, fade });
    expect(cursor.inCount).toBe(30);
  });

  it('keeps everything so far without a window, scrubbing backwards too, and counts rows passing a filter', () => {
    const index = buildTimeIndex(times);
    const cursor = new TimeCursor(index, times.length);
    const rain = table.columns.find((c) => c.name === 'weather')!.data;
    if (rain.type !== 'category') throw new Error('weather is a category');
    const rainCode = rain.dictionary.indexOf('rain');
    const passes = Uint8Array.from(rain.codes, (c) => (c === rainCode ? 1 : 0));
    cursor.setPasses(passes);
    const lines = readFileSync(assetPath('seattle'), 'utf8').trim().split('\n').slice(1);
    const moments = [Date.UTC(2015, 0, 1), Date.UTC(2012, 6, 1), Date.UTC(2014, 2, 3), Date.UTC(2011, 0, 1)];
    for (const moment of moments) {
      cursor.moveTo({ moment, window: null, fade: 0 });
      expect(cursor.inCount).toBe(reference.filter((t) => t <= moment).length);
      expect(cursor.inPassing).toBe(lines.filter((l, i) => reference[i] <= moment && l.endsWith(',rain')).length);
    }
  });

  it('hides rows without a date and says how many', () => {
    const withGaps = Float64Array.from(times, (t, i) => (i % 10 === 0 ? Number.NaN : t));
    const index = buildTimeIndex(withGaps);
    expect(index.missing).toBe(Math.ceil(times.length / 10));
    const cursor = new TimeCursor(index, withGaps.length);
    cursor.moveTo({ moment: index.end, window: null, fade: 0 });
    expect(cursor.inCount).toBe(times.length - index.missing);
    expect(cursor.state[0]).toBe(TimeState.Out);
  });

  it('steps 100k rows through a play-through touching only the rows whose state changed (figure printed)', () => {
    const n = 100_000;
    const big = new Float64Array(n);
    for (let i = 0; i < n; i++) big[i] = times[(i * 7919) % times.length] + (i % 86_400) * 1000;
    const index = buildTimeIndex(big);
    const cursor = new TimeCursor(index, n);
    const window = 30 * DAY;
    const fade = fadeOf(window);
    // 60 frames a second for the 60 s play-through at 1×: 3600 steps.
    const frames = 3600;
    const span = index.end - index.start;
    let touched = 0;
    const t0 = performance.now();
    for (let f = 0; f <= frames; f++) touched += cursor.moveTo({ moment: index.start + (span * f) / frames, window, fade });
    const stepMs = (performance.now() - t0) / (frames + 1);
    const direct = Array.from(big).filter((t) => t <= index.end && t > index.end - window).length;
    expect(cursor.inCount).toBe(direct);
    // Each row enters, starts fading and leaves once: three changes per row at most.
    expect(touched).toBeLessThanOrEqual(3 * n);
    console.log(`timeline step at 100k rows: ${stepMs.toFixed(4)} ms per frame on average, ${touched} row changes over ${frames} frames`);
  });
});
