import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../shared/random.ts';
import { ingest } from '../../../server/ingest/ingest.ts';
import { parseNumber } from '../../../server/ingest/parse-number.ts';
import { parseDate } from '../../../server/ingest/parse-date.ts';
import { isFlagName, isIdentifierName } from '../../../server/ingest/column-rules.ts';
import { chunked, column, numbers, strings, types } from './support.ts';

const csv = (lines: string[]) => ingest(chunked(lines.join('\n') + '\n'));

describe('cell parsing', () => {
  it('numbers in both decimal conventions, codes with leading zeros excluded', () => {
    expect(['1', '-2.5', '.5', '+3', '1e3', '0', '0.25', '1,234,567.5'].map((t) => parseNumber(t, '.'))).toEqual([1, -2.5, 0.5, 3, 1000, 0, 0.25, 1234567.5]);
    expect(['1,5', '-0,25', '1.234,5', '2.000.000', '0.5', '7'].map((t) => parseNumber(t, ','))).toEqual([1.5, -0.25, 1234.5, 2e6, 0.5, 7]);
    for (const t of ['007', 'Infinity', '0x1F', '1,5', '1 000', '12%', '', 'abc', '1.2.3']) expect(parseNumber(t, '.')).toBeNaN();
  });

  it('the fast digit scanner gives exactly what Number() gives', () => {
    const random = createRandom(5);
    for (let k = 0; k < 30_000; k++) {
      const v = (random() - 0.5) * 10 ** Math.floor(random() * 14 - 5);
      const digits = 1 + Math.floor(random() * 17);
      const text = [v.toPrecision(Math.min(digits, 21)), v.toFixed(digits % 10), String(v)][k % 3];
      if (/^-?0\d/.test(text)) continue;
      expect(Object.is(parseNumber(text, '.'), Number(text)) || `${text} → ${parseNumber(text, '.')}`).toBe(true);
    }
  });

  it('dates in ISO, slashed, dotted forms, with times and offsets, as UTC epoch ms', () => {
    expect(parseDate('2020-02-29')).toEqual({ family: 'ymd', value: Date.UTC(2020, 1, 29) });
    expect(parseDate('2020/02/01 13:45')).toEqual({ family: 'ymd', value: Date.UTC(2020, 1, 1, 13, 45) });
    expect(parseDate('2020-02-01T13:45:30.250Z')?.value).toBe(Date.UTC(2020, 1, 1, 13, 45, 30, 250));
    expect(parseDate('2020-02-01T13:45:00+02:00')?.value).toBe(Date.UTC(2020, 1, 1, 11, 45));
    expect(parseDate('01.02.2020')).toEqual({ family: 'dmy', value: Date.UTC(2020, 1, 1) });
    expect(parseDate('31/12/2020')?.family).toBe('slash');
    for (const t of ['2021-02-29', '2020-13-01', '32.01.2020', '2020', '12/31', 'hello', '2020-01-01T25:00']) expect(parseDate(t)).toBeUndefined();
  });

  it('name rules for flags and identifiers', () => {
    expect(['is_active', 'hasGarage', 'flag', 'fraud_flag'].every(isFlagName)).toBe(true);
    expect(['island', 'hash', 'flagship', 'count'].some(isFlagName)).toBe(false);
    expect(['id', 'customer_id', 'rowId', 'uuid', 'Order No', 'index', 'zip code'].every(isIdentifierName)).toBe(true);
    expect(['width', 'valid', 'idea', 'Cylinders'].some(isIdentifierName)).toBe(false);
  });
});

describe('column types', () => {
  it('booleans: true/false and yes/no words (any case); 0/1 only under a flag-like name', async () => {
    const { table } = await csv(['a,b,is_member,count', 'true,Yes,1,1', 'FALSE,no,0,0', 'True,,1,1']);
    expect(types(table)).toEqual(['a:boolean', 'b:boolean', 'is_member:boolean', 'count:number']);
    expect(strings(table, 'b')).toEqual(['true', 'false', null]);
    expect(strings(table, 'is_member')).toEqual(['true', 'false', 'true']);
  });

  it('missing tokens: empty, NA, N/A, null, NaN, -, ?, . (any case)', async () => {
    const { table } = await csv(['v,w', '1,a', 'NA,b', 'n/a,c', 'null,a', 'NaN,b', '-,c', '?,a', '.,b', ',c', '2,a']);
    expect(numbers(table, 'v').map((v) => (Number.isNaN(v) ? null : v))).toEqual([1, null, null, null, null, null, null, null, null, 2]);
  });

  it('a few stray words in a number column become missing with a warning; many make it a category', async () => {
    const values = Array.from({ length: 40 }, (_, i) => String(i * 1.5));
    values[7] = 'unknown';
    const few = await csv(['x', ...values]);
    expect(column(few.table, 'x').data.type).toBe('number');
    expect(numbers(few.table, 'x')[7]).toBeNaN();
    expect(few.warnings).toEqual([expect.objectContaining({ code: 'non_numeric_values', row: 8, column: 'x', message: expect.stringContaining('"unknown" ×1') })]);
    const many = await csv(['x', '1', 'low', '2', 'high', '3']);
    expect(strings(many.table, 'x')).toEqual(['1', 'low', '2', 'high', '3']);
  });

  it('datetime columns keep one family; slash dates pick day-first or month-first from the data', async () => {
    const dmy = await csv(['d', '01/02/2020', '25/12/2020']);
    expect(numbers(dmy.table, 'd')).toEqual([Date.UTC(2020, 1, 1), Date.UTC(2020, 11, 25)]);
    const mdy = await csv(['d', '01/02/2020', '12/25/2020']);
    expect(numbers(mdy.table, 'd')).toEqual([Date.UTC(2020, 0, 2), Date.UTC(2020, 11, 25)]);
    const ambiguous = await csv(['d', '01/02/2020', '03/04/2020']);
    expect(ambiguous.warnings.map((w) => w.code)).toEqual(['ambiguous_dates']);
    const contradictory = await csv(['d', '13/01/2020', '01/13/2020']);
    expect(column(contradictory.table, 'd').data.type).toBe('category');
    const dotted = await csv(['d,t', '24.12.2019,2019-12-24 18:30', '01.01.2020,2020-01-01T00:00:00Z']);
    expect(types(dotted.table)).toEqual(['d:datetime', 't:datetime']);
    expect(numbers(dotted.table, 't')[0]).toBe(Date.UTC(2019, 11, 24, 18, 30));
  });

  it('category for repeating strings, text for mostly unique ones', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `${['red', 'green', 'blue'][i % 3]},comment number ${i} about row ${i}`);
    const { table } = await csv(['colour,note', ...rows]);
    expect(types(table)).toEqual(['colour:category', 'note:text']);
  });

  it('identifiers: unique strings and unique integers named like ids or counting through a range, never measured numbers', async () => {
    const n = 50;
    const rows = Array.from({ length: n }, (_, i) => [`u-${i}`, 1000 + i, 7 * i + 3, (i * 37) % 101, (Math.sin(i) * 100).toFixed(3), i % 5].join(','));
    const { table } = await csv(['code,seq,order_id,weight_g,reading,group', ...rows]);
    const flags = Object.fromEntries(table.columns.map((c) => [c.name, c.identifier]));
    expect(flags).toEqual({ code: true, seq: true, order_id: true, weight_g: false, reading: false, group: false });
    // One repeat and the id is not unique per row any more.
    const repeated = await csv(['id,v', '1,a', '2,b', '2,c']);
    expect(column(repeated.table, 'id').identifier).toBe(false);
  });

  it('an all-missing column is an empty category with a warning', async () => {
    const { table, warnings } = await csv(['a,b', '1,', '2,NA']);
    expect(column(table, 'b').data).toEqual({ type: 'category', codes: new Int32Array([-1, -1]), dictionary: [] });
    expect(warnings).toEqual([expect.objectContaining({ code: 'empty_column', column: 'b' })]);
  });
});
