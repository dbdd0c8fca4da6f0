import { describe, expect, it } from 'vitest';
import { ingest } from '../../../server/ingest/ingest.ts';
import { parseDelimited } from '../../../server/ingest/parse-delimited.ts';
import { detectDelimiter } from '../../../server/ingest/detect-layout.ts';
import { generateMixture, mixtureToCsv } from '../../support/synthetic.ts';
import { chunked, numbers, strings, types } from './support.ts';

describe('delimited text', () => {
  it('strips a UTF-8 BOM (the first header is not "\\uFEFFid")', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('id,x\n1,2\n')]);
    const { table } = await ingest(chunked(bytes));
    expect(table.columns.map((c) => c.name)).toEqual(['id', 'x']);
    const fromString = await parseDelimited(chunked('\uFEFFname,x\na,2\n'));
    expect(fromString.table.columns[0].name).toBe('name');
  });

  it('reads semicolon files with decimal commas and dotted thousands as numbers', async () => {
    const csv = 'Ort;Preis;Menge;Code\nKöln;1,5;1.234;007\nBonn;1.234,5;2.000.000;012\nAachen;-0,25;3;100\n';
    const { table, delimiter, format } = await ingest(chunked(csv));
    expect([format, delimiter]).toEqual(['csv', ';']);
    expect(types(table)).toEqual(['Ort:category', 'Preis:number', 'Menge:number', 'Code:category']);
    expect(numbers(table, 'Preis')).toEqual([1.5, 1234.5, -0.25]);
    // `1.234` alone is ambiguous; the column's `2.000.000` shows dots group thousands here.
    expect(numbers(table, 'Menge')).toEqual([1234, 2_000_000, 3]);
    // Leading zeros make codes, not numbers.
    expect(strings(table, 'Code')).toEqual(['007', '012', '100']);
  });

  it('settles `1.234` by the column: thousands beside `2,5`, a fraction beside `0.5`', async () => {
    const comma = await parseDelimited(chunked('a;b\n1.234;x\n2,5;y\n7.500;z\n'));
    expect(numbers(comma.table, 'a')).toEqual([1234, 2.5, 7500]);
    const dot = await parseDelimited(chunked('a;b\n1.234;x\n0.5;y\n7.500;z\n'));
    expect(numbers(dot.table, 'a')).toEqual([1.234, 0.5, 7.5]);
  });

  it('reads comma files with quoted thousands groups', async () => {
    const { table } = await ingest(chunked('city,population\nA,"1,234,567"\nB,"12,000.5"\nC,300\n'));
    expect(numbers(table, 'population')).toEqual([1234567, 12000.5, 300]);
  });

  it('detects tab and reports tsv', async () => {
    const { table, format, delimiter } = await ingest(chunked('name\tvalue, with comma\tn\nx\t1,5\t2\ny\t3\t4\n'));
    expect([format, delimiter]).toEqual(['tsv', '\t']);
    expect(table.columns.map((c) => c.name)).toEqual(['name', 'value, with comma', 'n']);
  });

  it('detects the delimiter by agreement with the header, ignoring delimiters inside quotes', () => {
    expect(detectDelimiter('a;b;c\n1,5;2,5;3\n4,5;5;6\n', true)).toBe(';');
    expect(detectDelimiter('a,b,c\n"x;y;z",2,3\n"p;q;r",5,6\n', true)).toBe(',');
    expect(detectDelimiter('a\tb\n1,2\t3\n', true)).toBe('\t');
    // A single column: nothing splits consistently, comma is the default.
    expect(detectDelimiter('only\n1\n2\n', true)).toBe(',');
    expect(detectDelimiter('only\n1\n2\n', true, '\t')).toBe('\t');
  });

  it('handles CRLF, bare CR, and mixed line endings', async () => {
    const crlf = await ingest(chunked('a,b\r\n1,x\r\n2,"y\r\nz"\r\n'));
    expect(strings(crlf.table, 'b')).toEqual(['x', 'y\r\nz']);
    expect(numbers(crlf.table, 'a')).toEqual([1, 2]);
    const cr = await ingest(chunked('a,b\r1,x\r2,y\r'));
    expect(strings(cr.table, 'b')).toEqual(['x', 'y']);
    const mixed = await ingest(chunked('a,b\r\n1,x\n2,y\r\n'));
    expect(strings(mixed.table, 'b')).toEqual(['x', 'y']);
    const noFinalBreak = await ingest(chunked('a,b\r\n1,x\r\n2,"y"'));
    expect(strings(noFinalBreak.table, 'b')).toEqual(['x', 'y']);
  });

  it('keeps quoted newlines, delimiters and doubled quotes inside values', async () => {
    const csv = 'id,text\n1,"line one\nline two"\n2,"a, b and ""c"""\n3,plain\n';
    const { table, warnings } = await ingest(chunked(csv));
    expect(strings(table, 'text')).toEqual(['line one\nline two', 'a, b and "c"', 'plain']);
    expect(warnings).toEqual([]);
  });

  it('skips blank lines and reports physical line numbers past quoted newlines', async () => {
    const csv = 'a,b\n\n1,"x\ny"\n\n2\n3,z\n';
    const { table, warnings } = await ingest(chunked(csv));
    expect(table.rowCount).toBe(3);
    expect(warnings.find((w) => w.code === 'short_row')).toMatchObject({ row: 2, line: 6 });
  });

  it('gives the same table whatever the chunking: 1-byte chunks split UTF-8 characters and quoted fields', async () => {
    const csv = 'näme;wert;notiz\n"Zoë";1,5;"zwei\nZeilen; mit ""Zitat"""\n"Ünïcödé 🎉";2,25;x\nÅsa;3;"ß"\n';
    const whole = await parseDelimited(chunked(csv));
    const bytewise = await parseDelimited(chunked(csv, 1), { chunkChars: 1 });
    const small = await parseDelimited(chunked(csv, 3), { chunkChars: 5 });
    for (const result of [bytewise, small]) {
      expect(result.table).toEqual(whole.table);
      expect(result.warnings).toEqual(whole.warnings);
    }
    expect(strings(whole.table, 'näme')).toEqual(['Zoë', 'Ünïcödé 🎉', 'Åsa']);
    expect(strings(whole.table, 'notiz')).toEqual(['zwei\nZeilen; mit "Zitat"', 'x', 'ß']);
    expect(numbers(whole.table, 'wert')).toEqual([1.5, 2.25, 3]);
  });

  it('round-trips a synthetic mixture: every number and label as written', async () => {
    const mix = generateMixture({ rows: 2000, numeric: 5, categorical: 2, seed: 3 });
    const { table } = await parseDelimited(chunked(mixtureToCsv(mix), 4096), { chunkChars: 10_000 });
    expect(table.rowCount).toBe(2000);
    for (let j = 0; j < 5; j++) {
      const got = numbers(table, `x${j}`);
      for (let i = 0; i < 2000; i += 97) expect(got[i]).toBe(Number(mix.numeric.data[i * 5 + j].toPrecision(6)));
    }
    expect(strings(table, 'cat1')).toEqual(mix.categorical[1]);
  });
});
