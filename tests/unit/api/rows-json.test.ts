import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsJsonStream } from '../../../server/api/rows-json.ts';
import { readColumnSlice } from '../../../server/store/column-slice.ts';
import { columnFileName, writeTableColumns } from '../../../server/store/table-files.ts';
import { MAX_ROW_CELLS, rowsPerPage } from '../../../shared/rows-page.ts';
import { cellValue, type Table } from '../../../shared/table.ts';
import { ingest } from '../../../server/ingest/index.ts';
import { loadAsset } from '../../support/assets.ts';
import { chunked } from '../ingest/support.ts';

/** Every row of a table as the rows endpoint shows it. */
function rowsOf(table: Table, start = 0, end = table.rowCount): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let r = start; r < end; r++) out.push(Object.fromEntries(table.columns.map((c) => [c.name, cellValue(c.data, r)])));
  return out;
}

describe('rows of a stored table, a page at a time', () => {
  let dir: string;
  let tables: Record<'penguins' | 'seattle' | 'cars' | 'flags', Table>;
  let seattle: Table;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mirage-rows-'));
    seattle = await loadAsset('seattle');
    // Booleans (none of the demo tables has one) with missing cells in every type.
    const flags = (await ingest(chunked('ok,n,when,label\ntrue,1,2024-01-02,x\nfalse,,2024-02-03,\n,3,,y\ntrue,4,2024-03-04,x\n'))).table;
    tables = { penguins: await loadAsset('penguins'), seattle, cars: await loadAsset('cars'), flags };
    for (const [name, table] of Object.entries(tables)) await writeTableColumns(join(dir, name), table);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads any range of every column type (numbers, categories, booleans, dates, text) as the whole column has it', async () => {
    for (const [name, table] of Object.entries(tables)) {
      for (const [start, end] of [[0, 1], [0, table.rowCount], [17, 130], [table.rowCount - 1, table.rowCount], [table.rowCount, table.rowCount + 5], [40, 20]]) {
        for (const [i, column] of table.columns.entries()) {
          const slice = await readColumnSlice(join(dir, name, columnFileName(i)), column.data.type, start, end);
          const expected = Array.from({ length: Math.max(0, Math.min(end, table.rowCount) - start) }, (_, k) => cellValue(column.data, start + k));
          const got = Array.from({ length: expected.length }, (_, k) => cellValue(slice, k));
          expect(got, `${name}.${column.name} [${start}, ${end})`).toEqual(expected);
        }
      }
    }
    const kinds = new Set(Object.values(tables).flatMap((t) => t.columns.map((c) => c.data.type)));
    expect([...kinds].sort()).toEqual(['boolean', 'category', 'datetime', 'number', 'text']);
  });

  it('streams the answer in slices that parse to the same JSON as the rows', async () => {
    const body = await new Response(rowsJsonStream({ offset: 0, limit: 10_000, total: seattle.rowCount }, seattle)).text();
    const parsed = JSON.parse(body) as { offset: number; limit: number; total: number; rows: unknown[] };
    expect(parsed).toEqual({ offset: 0, limit: 10_000, total: seattle.rowCount, rows: rowsOf(seattle) });
    const empty = JSON.parse(await new Response(rowsJsonStream({ offset: 5, limit: 1, total: 3 }, { rowCount: 0, columns: seattle.columns })).text());
    expect(empty).toEqual({ offset: 5, limit: 1, total: 3, rows: [] });
  });

  it('keeps a column named __proto__ an ordinary key', async () => {
    const table: Table = { rowCount: 1, columns: [{ name: '__proto__', identifier: false, data: { type: 'number', values: new Float64Array([7]) } }] };
    const [row] = (JSON.parse(await new Response(rowsJsonStream({ offset: 0, limit: 1, total: 1 }, table)).text()) as { rows: object[] }).rows;
    expect(Object.getOwnPropertyDescriptor(row, '__proto__')?.value).toBe(7);
  });

  it('pages fit the cell cap at every width', () => {
    for (const columns of [1, 8, 25, 26, 300, 2_000, 250_000, 1_000_000]) {
      const rows = rowsPerPage(columns);
      expect(rows).toBeGreaterThanOrEqual(1);
      expect(rows <= 10_000).toBe(true);
      if (columns <= MAX_ROW_CELLS) expect(rows * columns).toBeLessThanOrEqual(MAX_ROW_CELLS);
    }
    expect(rowsPerPage(25)).toBe(10_000);
    expect(rowsPerPage(2_000)).toBe(125);
  });
});
