import { describe, expect, it } from 'vitest';
import { ingest } from '../../../server/ingest/ingest.ts';
import { parseDelimited } from '../../../server/ingest/parse-delimited.ts';
import { parseJson } from '../../../server/ingest/parse-json.ts';
import { chunked, expectIngestError, strings, types } from './support.ts';

describe('bad input gets a precise IngestError', () => {
  it('refuses an empty file and a file of blanks', async () => {
    await expectIngestError(ingest(chunked('')), 'empty');
    await expectIngestError(ingest(chunked(' \n\r\n  \n')), 'empty');
    await expectIngestError(parseDelimited(chunked('')), 'empty');
    await expectIngestError(parseJson(chunked('  ')), 'empty');
  });

  it('refuses a header without rows, naming the header', async () => {
    await expectIngestError(ingest(chunked('a,b,c\n')), 'no_rows', /header \(a, b, c\) but no data rows/);
    await expectIngestError(ingest(chunked('a,b,c\n\n,,\n')), 'no_rows');
    await expectIngestError(ingest(chunked('[]')), 'no_rows');
    await expectIngestError(ingest(chunked('{"rows": []}')), 'no_rows');
  });

  it('refuses binary garbage: NUL bytes, control bytes, random bytes', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    await expectIngestError(ingest(chunked(png)), 'binary', /NUL byte at byte 8/);
    let seed = 7;
    const random = new Uint8Array(4096).map(() => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24) | 1);
    await expectIngestError(ingest(chunked(random)), 'binary');
    // A NUL far past the sample is still caught, with its byte offset.
    const late = new Uint8Array(Buffer.from('a,b\n' + '1,2\n'.repeat(40_000) + '\0'));
    await expectIngestError(parseDelimited(chunked(late, 4096)), 'binary', new RegExp(`byte ${late.length - 1}`));
  });

  it('reads non-UTF-8 text (Windows-1252) with a warning instead of refusing it', async () => {
    const latin1 = new Uint8Array([...Buffer.from('name;city\nJ'), 0xfc, ...Buffer.from('rgen;K'), 0xf6, ...Buffer.from('ln\n')]);
    const result = await ingest(chunked(latin1));
    expect(strings(result.table, 'name')).toEqual(['Jürgen']);
    expect(strings(result.table, 'city')).toEqual(['Köln']);
    expect(result.warnings.map((w) => w.code)).toContain('encoding');
  });

  it('reads UTF-16 text that starts with a byte-order mark', async () => {
    const le = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('név,x\nÉva,1\n', 'utf16le')]));
    const result = await ingest(chunked(le, 3));
    expect(result.table.columns.map((c) => c.name)).toEqual(['név', 'x']);
    expect(strings(result.table, 'név')).toEqual(['Éva']);
  });

  it('refuses invalid JSON with the line and column at fault', async () => {
    await expectIngestError(ingest(chunked('[\n  {"a": 1},\n  {"a": 2 "b": 3}\n]')), 'invalid_json', /line 3, column 11: expected a key/);
    await expectIngestError(ingest(chunked('[{"a": 1}, {"a": tru}]')), 'invalid_json', /line 1/);
    await expectIngestError(ingest(chunked('[{"a": 1},')), 'invalid_json', /cut short/);
    await expectIngestError(ingest(chunked('[{"a": 1}] [')), 'invalid_json', /after the end/);
    await expectIngestError(ingest(chunked('[{"a": 1,}]')), 'invalid_json');
    await expectIngestError(ingest(chunked('{"a": 1}\n{"a": 2}\n')), 'invalid_json', /line 2, column 1: .*JSON Lines/);
  });

  it('refuses JSON that is not an array of objects', async () => {
    await expectIngestError(ingest(chunked('[1, 2, 3]')), 'not_a_table', /Element 1 .* plain value/);
    await expectIngestError(ingest(chunked('[{"a": 1}, [2]]')), 'not_a_table', /Element 2 .* an array/);
    await expectIngestError(ingest(chunked('{"a": 1, "b": {"c": [1, 2]}}')), 'not_a_table', /"a", "b"/);
    await expectIngestError(ingest(chunked('"just text"'), { fileName: 'x.json' }), 'not_a_table');
    await expectIngestError(ingest(chunked('42'), { contentType: 'application/json' }), 'not_a_table');
  });

  it('refuses a row with more fields than the header, naming row and line', async () => {
    const csv = 'a,b,c\n1,2,3\n"x\ny",5,6\n7,8,9,10\n';
    await expectIngestError(ingest(chunked(csv)), 'inconsistent_columns', /Row 3 \(line 5\) has 4 fields but the header has 3/);
  });

  it('keeps short rows with missing values and a warning naming the row', async () => {
    const result = await ingest(chunked('a,b,c\n1,2,3\n4,5\n7,8,9\n'));
    expect(result.table.rowCount).toBe(3);
    const warning = result.warnings.find((w) => w.code === 'short_row');
    expect(warning).toMatchObject({ row: 2, line: 3 });
    const c = result.table.columns[2].data;
    expect(c.type === 'number' && Number.isNaN(c.values[1])).toBe(true);
  });

  it('accepts a trailing delimiter (empty extra field) without shifting anything', async () => {
    const result = await ingest(chunked('a,b\n1,2,\n3,4,\n'));
    expect(result.table.columns.map((c) => c.name)).toEqual(['a', 'b']);
    expect(result.table.rowCount).toBe(2);
  });

  it('refuses an unterminated quote instead of swallowing the file', async () => {
    const csv = 'id,comment\n1,"fine"\n2,"broken\n3,x\n4,y\n';
    await expectIngestError(ingest(chunked(csv)), 'malformed_csv', /quote opened in row 2 \(line 3\) is never closed/);
    // A lone quote inside a quoted value makes papaparse read on across lines: refused too.
    const stray = 'id,comment\n1,"fine"\n2,"bro"ken\n3,"x"\n';
    await expectIngestError(ingest(chunked(stray)), 'malformed_csv', /row 2 \(line 3\).*doubled/);
    // Also when the open quote would swallow more than a row may hold.
    const long = 'a,b\n1,"open\n' + 'x,y\n'.repeat(1000);
    await expectIngestError(parseDelimited(chunked(long), { maxRowChars: 500, chunkChars: 100 }), 'malformed_csv', /row 1 \(line 2\)/);
  });

  it('names empty and duplicate headers and keeps every column', async () => {
    const result = await ingest(chunked('a,,a,b, a ,a_2\n1,2,3,4,5,6\n'));
    expect(result.table.columns.map((c) => c.name)).toEqual(['a', 'column_2', 'a_3', 'b', 'a_4', 'a_2']);
    expect(result.warnings.filter((w) => w.code === 'empty_header')).toHaveLength(1);
    expect(result.warnings.filter((w) => w.code === 'duplicate_header').map((w) => w.column)).toEqual(['a_3', 'a_4']);
  });

  it('keeps __proto__ and constructor as ordinary columns, in CSV and JSON, polluting nothing', async () => {
    const csv = await ingest(chunked('__proto__,constructor,prototype\n1,x,y\n2,z,w\n'));
    expect(csv.table.columns.map((c) => c.name)).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(types(csv.table)).toEqual(['__proto__:number', 'constructor:category', 'prototype:category']);
    const json = await ingest(chunked('[{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": 1}, "hasOwnProperty": 3}]'));
    expect(json.table.columns.map((c) => c.name)).toEqual(['__proto__.polluted', 'constructor.prototype', 'hasOwnProperty']);
    const flat = await ingest(chunked('[{"__proto__": 5, "toString": "a"}, {"__proto__": 6, "toString": "b"}]'));
    expect(flat.table.columns.map((c) => c.name)).toEqual(['__proto__', 'toString']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('enforces row and column limits with their own codes', async () => {
    await expectIngestError(ingest(chunked('a,b\n1,2\n3,4\n5,6\n'), { maxRows: 2 }), 'too_many_rows', /at most 2/);
    await expectIngestError(ingest(chunked('a,b,c\n1,2,3\n'), { maxColumns: 2 }), 'too_many_columns', /3 columns/);
    await expectIngestError(ingest(chunked('[{"a":1},{"b":2},{"c":3}]'), { maxColumns: 2 }), 'too_many_columns');
    await expectIngestError(ingest(chunked('[{"a":1},{"a":2},{"a":3}]'), { maxRows: 2 }), 'too_many_rows');
  });

  it('caps column names at the session document\'s 256 characters, in CSV headers, JSON keys and dotted paths', async () => {
    const longest = 'n'.repeat(256);
    const ok = await ingest(chunked(`${longest},b\n1,2\n`));
    expect(ok.table.columns.map((c) => c.name.length)).toEqual([256, 1]);
    const csv = await expectIngestError(ingest(chunked(`a,${'h'.repeat(257)}\n1,2\n`)), 'column_name_too_long', /Column 2's name is 257 characters long .*at most 256/);
    // The message quotes the start of the name, never the whole of it.
    expect(csv.message.length).toBeLessThan(300);
    const key = 'k'.repeat(5 * 2 ** 20);
    const json = await expectIngestError(ingest(chunked(`[{"a":1,"${key}":2}]`)), 'column_name_too_long', /5,242,880 characters/);
    expect(json.message.length).toBeLessThan(300);
    // Each part is short; the flattened name `outer.inner` is not.
    await expectIngestError(ingest(chunked(`[{"${'o'.repeat(200)}":{"${'i'.repeat(100)}":1}}]`)), 'column_name_too_long', /301 characters/);
  });
});
