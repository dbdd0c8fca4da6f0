import { describe, expect, it } from 'vitest';
import { filledSeries, forecastSeries } from '../../../server/insights/trends/forecast.ts';
import { forecastError } from '../../../server/insights/trends/forecast-error.ts';
import { fitHolt, holtForecast } from '../../../server/insights/trends/holt.ts';
import { choosePeriod, periodOrdinal, periodStart } from '../../../server/insights/trends/periods.ts';
import { autocorrelation, seasonalNaiveForecast } from '../../../server/insights/trends/seasonal-naive.ts';
import { createRandom, randomNormal } from '../../../shared/random.ts';

/** 40 periods of y = 50 + 3t + N(0, 4²) noise from a fixed seed: a clear trend, no season. */
function trendSeries(): Float64Array {
  const random = createRandom(16);
  return Float64Array.from({ length: 40 }, (_, t) => 50 + 3 * t + 4 * randomNormal(random));
}

describe('Holt’s linear trend', () => {
  it('follows a clear trend: on the held-out tail it beats the naive last value several times over', () => {
    const result = forecastSeries(trendSeries(), { horizon: 6, season: 12, nonNegative: true });
    if (!('forecast' in result)) throw new Error(result.note);
    const { forecast } = result;
    const mae = (m: string) => forecast.candidates.find((c) => c.method === m)!.mae;
    expect(forecast.method).toBe('holt');
    // Measured: Holt misses by ~4 (the noise), the last value by ~10 (it ignores 3 a period for 6 periods).
    expect(mae('holt')).toBeLessThan(mae('last-value') / 2);
    expect(forecast.candidates.map((c) => c.method)).toEqual(['holt', 'last-value']); // no season in a straight line
    // The forecast keeps climbing about 3 a period from about 50 + 3·39.
    const [first, , , , , last] = forecast.values;
    expect(first).toBeGreaterThan(160);
    expect(first).toBeLessThan(180);
    expect((last - first) / 5).toBeGreaterThan(2);
    expect((last - first) / 5).toBeLessThan(4);
  });

  it('is exact on a straight line', () => {
    const line = Float64Array.from({ length: 12 }, (_, t) => 7 - 2 * t);
    const forecast = holtForecast(fitHolt(line), 3);
    forecast.forEach((v, k) => expect(v).toBeCloseTo(7 - 2 * (12 + k), 9));
  });
});

describe('seasonal naive', () => {
  it('repeats the last season and is chosen on a seasonal series', () => {
    const season = [5, 9, 14, 20, 24, 27, 27, 24, 19, 13, 8, 5];
    const y = Float64Array.from({ length: 36 }, (_, t) => season[t % 12] + (t % 5 === 0 ? 1 : 0));
    expect(seasonalNaiveForecast(y, 12, 14)).toEqual([...Array.from(y.subarray(24, 36)), y[24], y[25]]);
    expect(autocorrelation(y, 12)).toBeGreaterThan(0.5);
    const result = forecastSeries(y, { horizon: 6, season: 12, nonNegative: false });
    if (!('forecast' in result)) throw new Error(result.note);
    expect(result.forecast.method).toBe('seasonal-naive');
    expect(result.forecast.parameters).toEqual({ season: 12 });
  });

  it('is not tried with fewer than two seasons of training data', () => {
    const y = Float64Array.from({ length: 24 }, (_, t) => (t % 12 < 6 ? 10 : 20));
    const result = forecastSeries(y, { horizon: 6, season: 12, nonNegative: true });
    if (!('forecast' in result)) throw new Error(result.note);
    expect(result.forecast.candidates.map((c) => c.method)).toEqual(['holt', 'last-value']);
  });
});

describe('held-out errors and series', () => {
  it('computes MAE, MAPE and sMAPE as defined', () => {
    expect(forecastError([10, 20], [12, 15])).toEqual({ periods: 2, mae: 3.5, mape: 50 * (0.2 + 0.25), smape: 50 * (4 / 22 + 10 / 35) });
    expect(forecastError([0, 4], [0, 2]).mape).toBeNull();
    expect(forecastError([0, 4], [0, 2]).smape).toBeCloseTo(50 * (4 / 6), 12);
  });

  it('refuses to forecast a series too short to hold out a tail, and says so', () => {
    expect(forecastSeries(Float64Array.of(1, 2, 3, 4), { horizon: 6, season: null, nonNegative: true })).toEqual({ note: expect.stringContaining('Too few periods (4)') });
    expect(forecastSeries(Float64Array.of(NaN, NaN), { horizon: 6, season: null, nonNegative: false })).toEqual({ note: expect.stringContaining('no value') });
  });

  it('fills gaps of a mean series by interpolation and drops leading ones', () => {
    expect(Array.from(filledSeries(Float64Array.of(NaN, 2, NaN, NaN, 8, NaN))!)).toEqual([2, 4, 6, 8, 8]);
  });

  it('clamps forecast counts at zero', () => {
    const falling = Float64Array.from({ length: 20 }, (_, t) => 40 - 2 * t);
    const result = forecastSeries(falling, { horizon: 6, season: null, nonNegative: true });
    if (!('forecast' in result)) throw new Error(result.note);
    expect(Math.min(...result.forecast.values)).toBe(0);
  });
});

describe('periods', () => {
  it('numbers consecutive UTC periods consecutively and starts them where the calendar does', () => {
    const t = Date.UTC(2015, 10, 18, 15, 30); // a Wednesday
    expect(new Date(periodStart(periodOrdinal(t, 'week'), 'week')).toISOString()).toBe('2015-11-16T00:00:00.000Z');
    expect(new Date(periodStart(periodOrdinal(t, 'month'), 'month')).toISOString()).toBe('2015-11-01T00:00:00.000Z');
    expect(new Date(periodStart(periodOrdinal(t, 'quarter'), 'quarter')).toISOString()).toBe('2015-10-01T00:00:00.000Z');
    expect(new Date(periodStart(periodOrdinal(t, 'year') + 1, 'year')).toISOString()).toBe('2016-01-01T00:00:00.000Z');
    expect(periodOrdinal(Date.UTC(2016, 0, 1), 'month') - periodOrdinal(Date.UTC(2015, 11, 31), 'month')).toBe(1);
    expect(periodOrdinal(Date.UTC(1969, 11, 29), 'week')).toBe(0); // the Monday before 1970-01-01
  });

  it('agrees with the calendar (Date) on months and years from 1800 to 2200', () => {
    let checked = 0;
    for (let ms = Date.UTC(1800, 0, 1); ms < Date.UTC(2200, 0, 1); ms += 86_400_000 * 7.3) {
      const d = new Date(ms);
      expect(periodOrdinal(ms, 'month')).toBe(d.getUTCFullYear() * 12 + d.getUTCMonth());
      expect(periodOrdinal(ms, 'year')).toBe(d.getUTCFullYear());
      checked++;
    }
    expect(checked).toBeGreaterThan(20_000);
  });

  it('chooses the finest period with at most 60 of them', () => {
    expect(choosePeriod(Date.UTC(2020, 0, 1), Date.UTC(2020, 0, 31))).toBe('day');
    expect(choosePeriod(Date.UTC(2020, 0, 1), Date.UTC(2020, 9, 1))).toBe('week');
    expect(choosePeriod(Date.UTC(2012, 0, 1), Date.UTC(2015, 11, 31))).toBe('month');
    expect(choosePeriod(Date.UTC(2003, 0, 1), Date.UTC(2015, 11, 31))).toBe('quarter');
    expect(choosePeriod(Date.UTC(1900, 0, 1), Date.UTC(2015, 11, 31))).toBe('year');
  });
});
