import { describe, expect, it } from 'vitest';
import { ingest } from '../../../server/ingest/ingest.ts';
import { parseJson } from '../../../server/ingest/parse-json.ts';
import { chunked, column, numbers, strings, types } from './support.ts';

describe('JSON tables', () => {
  it('flattens nested objects to dotted names and keeps lists as JSON text', async () => {
    const json = JSON.stringify([
      { id: 'a', pos: { x: 1, y: { z: 2 } }, tags: ['red', 'big'], meta: {} },
      { id: 'b', pos: { x: 3 }, tags: [], extra: true },
      { id: 'c', pos: { x: 5, y: { z: 6 } }, tags: [{ k: 'v' }, [1, 2.5, null]], extra: false },
    ]);
    const { table, format } = await ingest(chunked(json));
    expect(format).toBe('json');
    expect(types(table)).toEqual(['id:category', 'pos.x:number', 'pos.y.z:number', 'tags:category', 'extra:boolean']);
    expect(numbers(table, 'pos.y.z')).toEqual([2, NaN, 6]);
    expect(strings(table, 'tags')).toEqual(['["red","big"]', '[]', '[{"k":"v"},[1,2.5,null]]']);
    expect(strings(table, 'extra')).toEqual([null, 'true', 'false']);
  });

  it('takes the rows from an object holding one array of objects', async () => {
    const json = '{"meta": {"source": "x", "n": [1, 2]}, "count": 2, "data": [{"a": 1}, {"a": 2}], "tail": "ok"}';
    const { table, warnings } = await ingest(chunked(json));
    expect(table.rowCount).toBe(2);
    expect(numbers(table, 'a')).toEqual([1, 2]);
    expect(warnings).toEqual([]);
  });

  it('uses the first array of objects and says which others it ignored', async () => {
    const { table, warnings } = await ingest(chunked('{"data": [{"a": 1}], "included": [{"b": 2}, {"b": 3}]}'));
    expect(table.columns.map((c) => c.name)).toEqual(['a']);
    expect(warnings).toEqual([expect.objectContaining({ code: 'ignored_data', message: expect.stringMatching(/"data".*"included"/) })]);
  });

  it('orders columns by first appearance and fills keys a row lacks with missing', async () => {
    const { table } = await ingest(chunked('[{"b": 1}, {"a": "x", "b": 2}, {"c": null}]'));
    expect(table.columns.map((c) => c.name)).toEqual(['b', 'a', 'c']);
    expect(numbers(table, 'b')).toEqual([1, 2, NaN]);
    expect(strings(table, 'a')).toEqual([null, 'x', null]);
    expect(column(table, 'c').data.type).toBe('category');
  });

  it('reads numbers written as strings and mixes typed numbers with missing tokens', async () => {
    const { table } = await ingest(chunked('[{"v": "1.5"}, {"v": 2}, {"v": "NA"}, {"v": null}, {"v": "3e2"}]'));
    expect(numbers(table, 'v')).toEqual([1.5, 2, NaN, NaN, 300]);
  });

  it('gives the same table from 1-byte chunks, split inside multi-byte characters and strings', async () => {
    const json = JSON.stringify([
      { näme: 'Zoë 🎉', wert: 1.5, nested: { ß: 'ü' } },
      { näme: 'Åsa', wert: -2e-3, nested: { ß: 'ö' } },
    ]);
    const whole = await parseJson(chunked(json));
    const bytewise = await parseJson(chunked(json, 1));
    expect(bytewise.table).toEqual(whole.table);
    expect(strings(whole.table, 'näme')).toEqual(['Zoë 🎉', 'Åsa']);
    expect(numbers(whole.table, 'wert')).toEqual([1.5, -0.002]);
    expect(strings(whole.table, 'nested.ß')).toEqual(['ü', 'ö']);
    expect(whole.bytes).toBe(Buffer.byteLength(json));
  });

  it('reports invalid JSON past the first chunk with its line', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `{"i": ${i}}`);
    rows[2500] = '{"i": 2500,}';
    const error = await parseJson(chunked(`[\n${rows.join(',\n')}\n]`, 1000)).catch((e: Error) => e);
    expect(error).toMatchObject({ code: 'invalid_json', message: expect.stringMatching(/line 2502, column 12/) });
  });
});
