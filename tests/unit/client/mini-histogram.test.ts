import { describe, expect, it } from 'vitest';
import { histogramBars } from '../../../client/panels/mini-histogram.tsx';
import { ingest } from '../../../server/ingest/ingest.ts';
import { profileTable } from '../../../server/ingest/profile.ts';
import { asset } from '../ingest/support.ts';

describe('mini histogram tooltips', async () => {
  const weather = profileTable((await ingest(asset('seattle-weather.csv'))).table);
  const byName = (name: string) => weather.columns.find((c) => c.name === name)!;

  it('name each category bar with its value and row count, most frequent first', () => {
    const bars = histogramBars(byName('weather'));
    // Seattle weather 2012–2015: 641 days of rain, 640 of sun (vega-datasets).
    expect(bars.slice(0, 2).map((b) => b.label)).toEqual(['rain: 641 rows', 'sun: 640 rows']);
    expect(bars.reduce((s, b) => s + b.count, 0)).toBe(1461);
  });

  it('give number and date bins their range and count', () => {
    const temps = histogramBars(byName('temp_max'));
    expect(temps.length).toBeGreaterThan(5);
    expect(temps[0].label).toMatch(/^-1\.6 – [\d.]+ \(excl\.\): \d+ rows?$/);
    expect(temps.at(-1)!.label).toMatch(/ – 35\.6: \d+ rows?$/);
    const dates = histogramBars(byName('date'));
    expect(dates[0].label).toMatch(/^2012-01-01 – \d{4}-\d\d-\d\d \(excl\.\): \d+ rows$/);
    expect(dates.at(-1)!.label).toMatch(/– 2015-12-31: \d+ rows$/);
    expect(dates.reduce((s, b) => s + b.count, 0)).toBe(1461);
  });
});
