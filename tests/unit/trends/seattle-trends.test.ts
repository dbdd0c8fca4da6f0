import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeTrends } from '../../../server/insights/trends/compute-trends.ts';
import type { Table } from '../../../shared/table.ts';
import { assetPath, loadAsset } from '../../support/assets.ts';

/**
 * The Seattle weather table (one row a day, 2012–2015) grouped by its `weather` column as the
 * clusters: per-month counts and means must equal a direct count from the CSV text.
 */
describe('trends on the Seattle weather table', () => {
  let table: Table;
  let dates: Float64Array;
  let weather: { codes: Int32Array; dictionary: string[] };
  let rowIndex: Uint32Array;
  const csv = readFileSync(assetPath('seattle'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));

  beforeAll(async () => {
    table = await loadAsset('seattle');
    const column = (name: string) => table.columns.find((c) => c.name === name)!.data;
    dates = (column('date') as { values: Float64Array }).values;
    weather = column('weather') as { codes: Int32Array; dictionary: string[] };
    rowIndex = Uint32Array.from({ length: table.rowCount }, (_, i) => i);
  });

  const numbers = (name: string) => (table.columns.find((c) => c.name === name)!.data as { values: Float64Array }).values;
  const trends = (value: string | null) =>
    computeTrends({
      analysisId: 'seattle',
      date: { name: 'date', values: dates },
      value: value === null ? null : { name: value, values: numbers(value) },
      rowIndex,
      cluster: weather.codes,
      period: 'auto',
      horizon: 6,
    });

  /** Direct from the text: per weather and "YYYY-MM", the rows and the sum of column `k`. */
  function direct(k: number): Map<string, { count: number; sum: number }> {
    const out = new Map<string, { count: number; sum: number }>();
    for (const cells of csv) {
      const key = `${cells[5]} ${cells[0].slice(0, 7)}`;
      const cell = out.get(key) ?? { count: 0, sum: 0 };
      cell.count++;
      cell.sum += Number(cells[k]);
      out.set(key, cell);
    }
    return out;
  }

  it('chooses months (48 of them) and counts each weather per month as the CSV does', () => {
    const result = trends(null);
    expect(result.period).toBe('month');
    expect(result.periodStarts).toHaveLength(48);
    expect(result.periodStarts[0]).toBe('2012-01-01T00:00:00.000Z');
    expect(result.forecastStarts).toEqual(['2016-01-01', '2016-02-01', '2016-03-01', '2016-04-01', '2016-05-01', '2016-06-01'].map((d) => `${d}T00:00:00.000Z`));
    expect(result.missingDates).toBe(0);
    const expected = direct(1);
    for (const c of result.clusters) {
      const name = weather.dictionary[c.id];
      expect(c.rows).toBe(csv.filter((cells) => cells[5] === name).length);
      c.values.forEach((v, p) => expect(v).toBe(expected.get(`${name} ${result.periodStarts[p].slice(0, 7)}`)?.count ?? 0));
    }
    expect(result.clusters.reduce((s, c) => s + c.rows, 0)).toBe(1461);
  });

  it('averages temp_max per weather and month as the CSV does (null where a weather has no day that month)', () => {
    const result = trends('temp_max');
    const expected = direct(2);
    let nulls = 0;
    for (const c of result.clusters) {
      const name = weather.dictionary[c.id];
      c.values.forEach((v, p) => {
        const cell = expected.get(`${name} ${result.periodStarts[p].slice(0, 7)}`);
        if (!cell) {
          expect(v).toBeNull();
          nulls++;
        } else expect(v).toBeCloseTo(cell.sum / cell.count, 9);
      });
    }
    expect(nulls).toBeGreaterThan(0); // snow falls in a few months only
  });

  it('reports each forecast with its error on the last 6 months; the season wins where the weather follows the year', () => {
    for (const value of [null, 'temp_max']) {
      const result = trends(value);
      for (const c of result.clusters) {
        const f = c.forecast!;
        expect(f.values).toHaveLength(6);
        expect(f.heldOut.periods).toBe(6);
        expect(Number.isFinite(f.heldOut.mae)).toBe(true);
        expect(f.heldOut.smape).toBeGreaterThanOrEqual(0);
        expect(f.heldOut.smape).toBeLessThanOrEqual(200);
        expect(f.candidates.map((x) => x.method)).toContain('last-value');
      }
      // Sunny and rainy days follow the seasons: one year back forecasts them far better than a trend line.
      for (const name of ['sun', 'rain']) {
        const c = result.clusters.find((x) => weather.dictionary[x.id] === name)!;
        const mae = (m: string) => c.forecast!.candidates.find((x) => x.method === m)!.mae;
        expect(c.forecast!.method).toBe('seasonal-naive');
        expect(c.forecast!.parameters).toEqual({ season: 12 });
        expect(mae('seasonal-naive')).toBeLessThan(mae('holt') / 2);
        expect(mae('seasonal-naive')).toBeLessThan(mae('last-value'));
      }
    }
    // Measured: sunny days' mean temp_max a year back misses the last 6 months by 1.6 °C (sMAPE 12%).
    const sun = trends('temp_max').clusters.find((x) => weather.dictionary[x.id] === 'sun')!;
    expect(sun.forecast!.heldOut.mae).toBeLessThan(2.5);
    expect(sun.forecast!.heldOut.smape).toBeLessThan(20);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(trends('temp_max'))).toBe(JSON.stringify(trends('temp_max')));
  });
});
