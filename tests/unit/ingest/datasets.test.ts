import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../../server/ingest/ingest.ts';
import { asset, column, numbers, strings, types } from './support.ts';

const raw = (name: string) => readFileSync(fileURLToPath(new URL(`../../../assets/datasets/${name}`, import.meta.url)), 'utf8');

describe('the demo datasets parse with the right rows and types', () => {
  it('penguins.json: 344 rows, Species category, measurements numbers with missing values', async () => {
    const { table, format, warnings } = await ingest(asset('penguins.json'), { fileName: 'penguins.json' });
    expect(format).toBe('json');
    expect(table.rowCount).toBe(344);
    expect(types(table)).toEqual([
      'Species:category',
      'Island:category',
      'Beak Length (mm):number',
      'Beak Depth (mm):number',
      'Flipper Length (mm):number',
      'Body Mass (g):number',
      'Sex:category',
    ]);
    const species = column(table, 'Species').data;
    expect(species.type === 'category' && [...species.dictionary].sort()).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
    const beak = numbers(table, 'Beak Length (mm)');
    expect(beak.filter(Number.isNaN)).toHaveLength(2);
    expect(beak[0]).toBe(39.1);
    // '.' (a data-entry dot in the source) counts as missing, like null.
    const sex = strings(table, 'Sex');
    expect(new Set(sex)).toEqual(new Set(['MALE', 'FEMALE', null]));
    const rows = JSON.parse(raw('penguins.json')) as Record<string, unknown>[];
    expect(sex.filter((s) => s === null)).toHaveLength(rows.filter((r) => r.Sex === null || r.Sex === '.').length);
    expect(table.columns.some((c) => c.identifier)).toBe(false);
    expect(warnings).toEqual([]);
  });

  it('iris.csv: 150 rows, four numbers and the species', async () => {
    const { table, format, delimiter } = await ingest(asset('iris.csv'), { fileName: 'iris.csv' });
    expect([format, delimiter, table.rowCount]).toEqual(['csv', ',', 150]);
    expect(types(table)).toEqual(['sepal_length:number', 'sepal_width:number', 'petal_length:number', 'petal_width:number', 'species:category']);
    expect(numbers(table, 'petal_length').slice(0, 3)).toEqual([1.4, 1.4, 1.3]);
  });

  it('cars.json: Year is a datetime, Name is free text (repeats, so no identifier)', async () => {
    const { table } = await ingest(asset('cars.json'));
    expect(table.rowCount).toBe(406);
    expect(types(table)).toEqual([
      'Name:text',
      'Miles_per_Gallon:number',
      'Cylinders:number',
      'Displacement:number',
      'Horsepower:number',
      'Weight_in_lbs:number',
      'Acceleration:number',
      'Year:datetime',
      'Origin:category',
    ]);
    expect(column(table, 'Name').identifier).toBe(false);
    expect(new Date(numbers(table, 'Year')[0]).toISOString()).toBe('1970-01-01T00:00:00.000Z');
    const rows = JSON.parse(raw('cars.json')) as Record<string, unknown>[];
    expect(numbers(table, 'Horsepower').filter(Number.isNaN)).toHaveLength(rows.filter((r) => r.Horsepower === null).length);
  });

  it('seattle-weather.csv: 1461 days, date → datetime in UTC, weather category of 5', async () => {
    const { table } = await ingest(asset('seattle-weather.csv'));
    expect(table.rowCount).toBe(1461);
    expect(types(table)).toEqual(['date:datetime', 'precipitation:number', 'temp_max:number', 'temp_min:number', 'wind:number', 'weather:category']);
    const dates = numbers(table, 'date');
    expect(dates[0]).toBe(Date.UTC(2012, 0, 1));
    expect(dates[1460]).toBe(Date.UTC(2015, 11, 31));
    const weather = column(table, 'weather').data;
    expect(weather.type === 'category' && weather.dictionary).toHaveLength(5);
  });
});
