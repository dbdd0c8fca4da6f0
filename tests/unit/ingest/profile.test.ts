import { quantile, deviation, mean } from 'd3-array';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../../server/ingest/ingest.ts';
import { profileColumn, profileTable } from '../../../server/ingest/profile.ts';
import type { NumericProfile } from '../../../server/ingest/profile-types.ts';
import { asset, chunked, column, numbers } from './support.ts';

describe('column profiles', async () => {
  const iris = (await ingest(asset('iris.csv'))).table;

  it('numbers: figures match a direct computation and the published iris summary', () => {
    const p = profileColumn(column(iris, 'sepal_length')) as NumericProfile;
    const values = numbers(iris, 'sepal_length');
    expect(p).toMatchObject({ type: 'number', count: 150, missing: 0, distinct: new Set(values).size, min: 4.3, max: 7.9 });
    expect(p.mean).toBeCloseTo(mean(values) as number, 12);
    expect(p.std).toBeCloseTo(deviation(values) as number, 12);
    for (const [key, q] of [['p05', 0.05], ['p25', 0.25], ['p50', 0.5], ['p75', 0.75], ['p95', 0.95]] as const) {
      expect(p.quantiles?.[key]).toBeCloseTo(quantile(values, q) as number, 12);
    }
    // pandas' describe() of iris sepal length: mean 5.843333, std 0.828066, quartiles 5.1 / 5.8 / 6.4.
    expect([p.mean, p.std, p.quantiles?.p25, p.quantiles?.p50, p.quantiles?.p75].map((v) => Number(v?.toFixed(6)))).toEqual([5.843333, 0.828066, 5.1, 5.8, 6.4]);
  });

  it('histograms: every value in exactly one bin, counted as a direct scan counts it', () => {
    for (const name of ['sepal_length', 'petal_width']) {
      const p = profileColumn(column(iris, name)) as NumericProfile;
      const { edges, counts } = p.histogram!;
      expect(edges).toHaveLength(21);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(150);
      const values = numbers(iris, name);
      counts.forEach((count, i) => {
        const last = i === counts.length - 1;
        const direct = values.filter((v) => v >= edges[i] && (last ? v <= edges[i + 1] : v < edges[i + 1])).length;
        expect(count).toBe(direct);
      });
    }
  });

  it('small integer ranges get one bin per integer; missing values are counted apart', async () => {
    const { table } = await ingest(chunked('cyl\n4\n6\n8\n4\nNA\n4\n'));
    const p = profileColumn(table.columns[0]) as NumericProfile;
    expect(p.histogram).toEqual({ edges: [3.5, 4.5, 5.5, 6.5, 7.5, 8.5], counts: [3, 0, 1, 0, 1] });
    expect([p.missing, p.distinct, p.std]).toEqual([1, 3, Math.sqrt(((4 - 5.2) ** 2 * 3 + 0.8 ** 2 + 2.8 ** 2) / 4)]);
  });

  it('categories, booleans and text: top values with counts, distinct and missing', async () => {
    const species = profileColumn(column(iris, 'species'));
    expect(species).toMatchObject({ type: 'category', distinct: 3, missing: 0, top: [{ value: 'setosa', count: 50 }, { value: 'versicolor', count: 50 }, { value: 'virginica', count: 50 }] });
    const notes = Array.from({ length: 30 }, (_, i) => (i < 3 ? 'same note' : `note ${i}`));
    const { table } = await ingest(chunked(['ok,note', ...notes.map((n, i) => `${i % 3 === 0 ? 'yes' : 'no'},${n}`), 'yes,'].join('\n')));
    expect(profileColumn(table.columns[0])).toMatchObject({ type: 'boolean', top: [{ value: 'false', count: 20 }, { value: 'true', count: 11 }] });
    const text = profileColumn(table.columns[1]);
    expect(text).toMatchObject({ type: 'text', missing: 1, distinct: 28, top: expect.arrayContaining([{ value: 'same note', count: 3 }]) });
    expect(text.type === 'text' && text.top[0]).toEqual({ value: 'same note', count: 3 });
    expect(text.type === 'text' && text.averageLength).toBeCloseTo(notes.reduce((s, n) => s + n.length, 0) / 30, 12);
  });

  it('datetimes profile as epoch ms; a whole table profiles column by column', async () => {
    const weather = (await ingest(asset('seattle-weather.csv'))).table;
    const profile = profileTable(weather);
    expect(profile.rowCount).toBe(1461);
    const date = profile.columns[0] as NumericProfile;
    expect([date.type, date.min, date.max, date.distinct]).toEqual(['datetime', Date.UTC(2012, 0, 1), Date.UTC(2015, 11, 31), 1461]);
    expect(JSON.parse(JSON.stringify(profile))).toEqual(profile);
  });
});
