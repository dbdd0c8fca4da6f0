import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Binary, List, Field, Float64, Int32, Table as ArrowTable, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { ingestFile } from '../../../server/ingest/index.ts';
import { cellValue, type Table } from '../../../shared/table.ts';
import { loadAsset } from '../../support/assets.ts';
import { writeArrowFixture, writeParquetFixture, writeXlsxFixture } from '../../support/table-fixtures.ts';
import { column, expectIngestError, numbers, strings } from './support.ts';

let dir: string;
const sources: Record<string, Table> = {};
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mirage-formats-'));
  for (const name of ['penguins', 'seattle', 'cars'] as const) sources[name] = await loadAsset(name);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Same column names, types, identifier flags and every cell as the CSV/JSON import. */
function expectSameTable(actual: Table, expected: Table): void {
  expect(actual.rowCount).toBe(expected.rowCount);
  expect(actual.columns.map((c) => [c.name, c.data.type, c.identifier])).toEqual(expected.columns.map((c) => [c.name, c.data.type, c.identifier]));
  expected.columns.forEach((c, j) => {
    const got = actual.columns[j].data;
    const mismatches: string[] = [];
    for (let i = 0; i < expected.rowCount && mismatches.length < 3; i++) {
      if (cellValue(got, i) !== cellValue(c.data, i)) mismatches.push(`row ${i}: ${String(cellValue(got, i))} ≠ ${String(cellValue(c.data, i))}`);
    }
    expect(mismatches, c.name).toEqual([]);
  });
}

describe('round trip: Parquet, Arrow and Excel written from a shipped dataset import exactly like its CSV/JSON', () => {
  for (const name of ['penguins', 'seattle', 'cars'] as const) {
    it(`${name}: Parquet (row groups of 100), Arrow file and stream (batches of 100), .xlsx`, async () => {
      const source = sources[name];
      const files = {
        parquet: join(dir, `${name}.parquet`),
        arrowFile: join(dir, `${name}.arrow`),
        arrowStream: join(dir, `${name}.arrows`),
        xlsx: join(dir, `${name}.xlsx`),
      };
      await writeParquetFixture(source, files.parquet, 100);
      await writeArrowFixture(source, files.arrowFile, 'file', 100);
      await writeArrowFixture(source, files.arrowStream, 'stream', 100);
      await writeXlsxFixture([{ name: 'Data', table: source }], files.xlsx);
      for (const [kind, path] of Object.entries(files)) {
        const result = await ingestFile(path);
        expect(result.format, kind).toBe(kind.startsWith('arrow') ? 'arrow' : kind);
        expect(result.typesFromFile ?? false, kind).toBe(kind !== 'xlsx');
        expect(result.warnings.filter((w) => w.code !== 'empty_column'), kind).toEqual([]);
        expectSameTable(result.table, source);
      }
    });
  }

  it('the format is told by the bytes, not the name: a Parquet file named .csv is read as Parquet', async () => {
    const path = join(dir, 'disguised.csv');
    await writeParquetFixture(sources.penguins, path);
    const result = await ingestFile(path, { fileName: 'penguins.csv', contentType: 'text/csv' });
    expect(result.format).toBe('parquet');
    expectSameTable(result.table, sources.penguins);
  });

  it('declared types win: Parquet/Arrow text that looks like numbers stays text, numbers stay numbers', async () => {
    const parquet = join(dir, 'declared.parquet');
    const zips = ['01234', '02139', '10001', '94105'];
    await writeFile(parquet, new Uint8Array(parquetWriteBuffer({ columnData: [{ name: 'zip', data: zips, type: 'STRING' }, { name: 'n', data: [1, 2, 3, 4], type: 'DOUBLE' }] })));
    const fromParquet = (await ingestFile(parquet)).table;
    expect(column(fromParquet, 'zip').data.type).toBe('category');
    expect(strings(fromParquet, 'zip')).toEqual(zips);
    const arrow = join(dir, 'declared.arrows');
    await writeFile(arrow, tableToIPC(new ArrowTable({ zip: vectorFromArray(zips, new Utf8()) }), 'stream'));
    expect(strings((await ingestFile(arrow)).table, 'zip')).toEqual(zips);
  });

  it('seattle dates stay dates (datetime type, the same epoch ms as the CSV import)', async () => {
    const path = join(dir, 'seattle-dates.parquet');
    await writeParquetFixture(sources.seattle, path);
    const { table } = await ingestFile(path);
    expect(column(table, 'date').data.type).toBe('datetime');
    expect(numbers(table, 'date').slice(0, 2)).toEqual([Date.UTC(2012, 0, 1), Date.UTC(2012, 0, 2)]);
  });
});

describe('Excel workbooks', () => {
  async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<string> {
    const wb = new ExcelJS.Workbook();
    build(wb);
    const path = join(dir, `wb-${Math.random().toString(36).slice(2)}.xlsx`);
    await wb.xlsx.writeFile(path);
    return path;
  }

  it('names sheets whatever order the archive keeps its entries in (workbook.xml after the worksheets)', async () => {
    const written = await workbook((wb) => {
      wb.addWorksheet('First & <only>').addRow(['x']);
      const second = wb.addWorksheet('Second');
      second.addRow(['city', 'people']);
      second.addRow(['Oslo', 709_000]);
      second.addRow(['Bergen', 291_000]);
    });
    // Re-zip with the shared strings and relationships first and xl/workbook.xml last: exceljs'
    // streaming reader then meets a worksheet before the sheet list (its own writer does this
    // now and then, depending on timing).
    const source = await JSZip.loadAsync(await readFile(written));
    const names = Object.keys(source.files).filter((n) => !source.files[n].dir);
    const first = ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml'].filter((n) => names.includes(n));
    const order = [...first, ...names.filter((n) => !first.includes(n) && n !== 'xl/workbook.xml'), 'xl/workbook.xml'];
    const target = new JSZip();
    for (const name of order) target.file(name, await source.files[name].async('uint8array'));
    const path = join(dir, 'workbook-last.xlsx');
    await writeFile(path, await target.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
    const report = await ingestFile(path, { sheet: 'Second' });
    expect(report.sheet?.sheets.map((s) => s.name)).toEqual(['First & <only>', 'Second']);
    expect(strings(report.table, 'city')).toEqual(['Oslo', 'Bergen']);
    expect(numbers(report.table, 'people')).toEqual([709_000, 291_000]);
  });

  it('reads the first sheet with rows by default, any sheet by name, and lists every sheet with its row count', async () => {
    const path = join(dir, 'two-sheets.xlsx');
    await writeXlsxFixture([{ name: 'Notes', table: null }, { name: 'Penguins', table: sources.penguins }, { name: 'Cars', table: sources.cars }], path);
    const first = await ingestFile(path);
    expect(first.sheet).toEqual({ name: 'Penguins', sheets: [{ name: 'Notes', rows: 0 }, { name: 'Penguins', rows: 345 }, { name: 'Cars', rows: 407 }] });
    expectSameTable(first.table, sources.penguins);
    const cars = await ingestFile(path, { sheet: 'Cars' });
    expect(cars.sheet?.name).toBe('Cars');
    expectSameTable(cars.table, sources.cars);
    await expectIngestError(ingestFile(path, { sheet: 'Notes' }), 'empty_sheet', /Sheet "Notes" is empty/);
    await expectIngestError(ingestFile(path, { sheet: 'Nope' }), 'unknown_sheet', /no sheet named "Nope"; its sheets are "Notes", "Penguins", "Cars"/);
  });

  it('formulas give their cached values, dates stay dates, a merged header names its columns, stray cells are reported', async () => {
    const path = await workbook((wb) => {
      const ws = wb.addWorksheet('Sales');
      ws.addRow(['day', 'Size', null, 'total']);
      ws.mergeCells('B1:C1');
      ws.addRow([new Date(Date.UTC(2024, 0, 2)), 3, 4, { formula: 'B2+C2', result: 7 }]);
      ws.addRow([new Date(Date.UTC(2024, 0, 3)), 5, 6, { formula: 'B3+C3', result: 11 }, 'a note']);
      ws.addRow([new Date(Date.UTC(2024, 0, 4)), 1, { formula: '1/0', result: { error: '#DIV/0!' } }, { formula: 'B4+C4', result: { error: '#N/A' } }]);
    });
    const { table, warnings } = await ingestFile(path);
    expect(table.columns.map((c) => [c.name, c.data.type])).toEqual([
      ['day', 'datetime'],
      ['Size', 'number'],
      ['Size_2', 'number'],
      ['total', 'number'],
    ]);
    expect(numbers(table, 'day')).toEqual([Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 3), Date.UTC(2024, 0, 4)]);
    expect(numbers(table, 'total')).toEqual([7, 11, NaN]);
    expect(numbers(table, 'Size_2')).toEqual([4, 6, NaN]);
    // exceljs' streaming reader drops the cached result of a formula that failed: such cells are missing.
    expect(warnings.map((w) => w.code).sort()).toEqual(['duplicate_header', 'ignored_data']);
    expect(warnings.find((w) => w.code === 'ignored_data')?.message).toMatch(/Sheet "Sales": row 2 .* right of the last named column/);
  });

  it('a title above the header is left out with a warning; a one-column sheet keeps its first row as header', async () => {
    const path = await workbook((wb) => {
      const ws = wb.addWorksheet('Report');
      ws.addRow(['Sales report 2024']);
      ws.addRow([]);
      ws.addRow(['region', 'units', 'revenue']);
      ws.addRow(['north', 3, 10.5]);
      ws.addRow(['south', null, 7]);
      wb.addWorksheet('Single').addRow(['name']);
      wb.getWorksheet('Single')!.addRow(['a']);
    });
    const report = await ingestFile(path);
    expect(report.table.columns.map((c) => [c.name, c.data.type])).toEqual([
      ['region', 'category'],
      ['units', 'number'],
      ['revenue', 'number'],
    ]);
    expect(numbers(report.table, 'revenue')).toEqual([10.5, 7]);
    expect(report.warnings.map((w) => w.message)).toEqual(['Sheet "Report": the header is row 3; the row above it (a title?) was left out.']);
    const single = await ingestFile(path, { sheet: 'Single' });
    expect(single.table.columns.map((c) => c.name)).toEqual(['name']);
    expect(strings(single.table, 'name')).toEqual(['a']);
  });

  it('an empty workbook and a header-only sheet are refused with a sentence', async () => {
    const empty = await workbook((wb) => {
      wb.addWorksheet('A');
      wb.addWorksheet('B');
    });
    await expectIngestError(ingestFile(empty), 'empty_sheet', /Every sheet of the workbook \("A", "B"\) is empty/);
    const headerOnly = await workbook((wb) => wb.addWorksheet('H').addRow(['x', 'y']));
    await expectIngestError(ingestFile(headerOnly, { sheet: 'H' }), 'no_rows', /Sheet "H" has a header \(x, y\) but no data rows/);
  });

  it('a password-protected workbook (an OLE compound file) and a ZIP that is not a workbook are named as such', async () => {
    const ole = join(dir, 'locked.xlsx');
    await writeFile(ole, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)]));
    await expectIngestError(ingestFile(ole, { fileName: 'locked.xlsx' }), 'encrypted_workbook', /password-protected/);
    const docx = await workbook((wb) => wb.addWorksheet('A').addRow([1]));
    const bytes = await readFile(docx);
    const renamed = join(dir, 'not-a-workbook.zip');
    // The same ZIP with every "xl/" entry name spoiled: still a ZIP, no longer a workbook.
    await writeFile(renamed, Buffer.from(bytes.toString('latin1').replaceAll('xl/', 'zz/'), 'latin1'));
    await expectIngestError(ingestFile(renamed), 'binary', /ZIP archive but not an Excel workbook/);
  });
});

describe('damaged and unsupported files get a sentence, never a crash', () => {
  it('truncated Parquet, Arrow and Excel files', async () => {
    const cases = [
      ['cut.parquet', (p: string) => writeParquetFixture(sources.penguins, p), /Parquet file is damaged or truncated/],
      ['cut.arrow', (p: string) => writeArrowFixture(sources.penguins, p, 'file'), /Arrow IPC file is damaged or truncated/],
      ['cut.arrows', (p: string) => writeArrowFixture(sources.penguins, p, 'stream'), /Arrow IPC file is damaged or truncated/],
      ['cut.xlsx', (p: string) => writeXlsxFixture([{ name: 'S', table: sources.penguins }], p), /ZIP archive \(an Excel workbook\?\) that is damaged or truncated/],
    ] as const;
    for (const [name, write, message] of cases) {
      const path = join(dir, name);
      await write(path);
      const bytes = await readFile(path);
      await writeFile(path, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      await expectIngestError(ingestFile(path, { fileName: name }), 'corrupt_file', message);
    }
  });

  it('an .xlsx damaged inside (bytes flipped in its sheet or its parts) is refused, never left hanging', async () => {
    const path = join(dir, 'flipped.xlsx');
    await writeXlsxFixture([{ name: 'S', table: sources.penguins }], path);
    const bytes = await readFile(path);
    for (const at of [0.05, 0.2, 0.5, 0.8]) {
      const spoiled = Buffer.from(bytes);
      const from = Math.floor(spoiled.length * at);
      for (let i = from; i < from + 64; i++) spoiled[i] ^= 0x5a;
      await writeFile(path, spoiled);
      await expectIngestError(ingestFile(path), 'corrupt_file', /The Excel workbook is damaged or truncated: the entry ".+" (does not inflate|fails its checksum)/);
    }
  });

  it('a file named .parquet that does not start like one', async () => {
    const path = join(dir, 'fake.parquet');
    await writeFile(path, 'a,b\n1,2\n');
    await expectIngestError(ingestFile(path, { fileName: 'fake.parquet' }), 'corrupt_file', /named or typed as a Parquet file but does not start like one/);
  });

  it('nested Parquet columns and unsupported Arrow types name the column', async () => {
    const nested = join(dir, 'nested.parquet');
    const buffer = parquetWriteBuffer({
      columnData: [{ name: 'a', data: [1, 2] }, { name: 'point', data: [{ x: 1, y: 2 }, { x: 3, y: 4 }] }],
      schema: [
        { name: 'root', num_children: 2 },
        { name: 'a', type: 'DOUBLE', repetition_type: 'REQUIRED' },
        { name: 'point', repetition_type: 'OPTIONAL', num_children: 2 },
        { name: 'x', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
        { name: 'y', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
      ],
    });
    await writeFile(nested, new Uint8Array(buffer));
    await expectIngestError(ingestFile(nested), 'nested_column', /Column "point" of the Parquet file is a nested record/);

    const lists = join(dir, 'lists.arrow');
    const list = vectorFromArray([[1, 2], [3]], new List(new Field('item', new Int32(), true)));
    await writeFile(lists, tableToIPC(new ArrowTable({ x: vectorFromArray([1, 2], new Float64()), tags: list }), 'file'));
    await expectIngestError(ingestFile(lists), 'nested_column', /Column "tags" of the Arrow file has type List/);

    const blobs = join(dir, 'blobs.arrows');
    const binary = vectorFromArray([new Uint8Array([1]), new Uint8Array([2, 3])], new Binary());
    await writeFile(blobs, tableToIPC(new ArrowTable({ blob: binary }), 'stream'));
    await expectIngestError(ingestFile(blobs), 'unsupported_type', /Column "blob" of the Arrow file has type Binary/);
  });
});

describe('the row cap holds for every format', () => {
  it('one row over the cap → too_many_rows with a sentence (Parquet before reading any data, Arrow and Excel as rows arrive)', async () => {
    const cap = sources.penguins.rowCount - 1;
    const files = {
      parquet: join(dir, 'cap.parquet'),
      arrow: join(dir, 'cap.arrows'),
      xlsx: join(dir, 'cap.xlsx'),
    };
    await writeParquetFixture(sources.penguins, files.parquet);
    await writeArrowFixture(sources.penguins, files.arrow, 'stream');
    await writeXlsxFixture([{ name: 'S', table: sources.penguins }], files.xlsx);
    for (const path of Object.values(files)) {
      await expectIngestError(ingestFile(path, { maxRows: cap }), 'too_many_rows', /at most 343 are accepted/);
    }
    expect(strings((await ingestFile(files.xlsx, { maxRows: cap + 1 })).table, 'Species').length).toBe(cap + 1);
  });
});
