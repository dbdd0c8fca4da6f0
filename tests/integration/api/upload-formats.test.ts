import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { DatasetDescription } from '../../../shared/api-types.ts';
import type { RunningServer } from '../../../server/server.ts';
import { loadAsset } from '../../support/assets.ts';
import { ownerFetch, uploadAsset, uploadMultipart, uploadText } from '../../support/http.ts';
import { removeDir, startTestServer, tempDataDir } from '../../support/server-process.ts';
import { writeArrowFixture, writeParquetFixture, writeXlsxFixture } from '../../support/table-fixtures.ts';

const MAX_ROWS = 250_000;
let server: RunningServer;
let dataDir: string;
let dir: string;

beforeAll(async () => {
  dataDir = await tempDataDir();
  dir = await mkdtemp(join(tmpdir(), 'mirage-upload-formats-'));
  server = await startTestServer(dataDir, { maxRows: MAX_ROWS });
});
afterAll(async () => {
  await server.close();
  await removeDir(dataDir);
  await rm(dir, { recursive: true, force: true });
});

const shape = (d: DatasetDescription) => d.columns.map((c) => [c.name, c.type, c.identifier, c.missing, c.distinct]);
const bytesOf = async (path: string) => new Uint8Array(await readFile(path));

describe('POST /api/datasets with Parquet, Arrow IPC and Excel bodies', () => {
  it('raw octet-stream and multipart bodies give the same description as the JSON upload, and say where the types came from', async () => {
    const penguins = await loadAsset('penguins');
    const viaJson = await uploadAsset(server.url, 'penguins');
    await writeParquetFixture(penguins, join(dir, 'p.parquet'));
    await writeArrowFixture(penguins, join(dir, 'p.arrows'), 'stream');
    await writeXlsxFixture([{ name: 'Penguins', table: penguins }], join(dir, 'p.xlsx'));

    const parquet = await uploadText(server.url, await bytesOf(join(dir, 'p.parquet')), 'application/octet-stream', 'penguins-parquet');
    expect(parquet.status).toBe(201);
    const fromParquet = (await parquet.json()) as DatasetDescription;
    expect(fromParquet).toMatchObject({ format: 'parquet', typesFromFile: true, rowCount: viaJson.rowCount });
    expect(shape(fromParquet)).toEqual(shape(viaJson));

    const arrow = await uploadMultipart(server.url, await bytesOf(join(dir, 'p.arrows')), 'penguins.arrows');
    expect(arrow.status).toBe(201);
    const fromArrow = (await arrow.json()) as DatasetDescription;
    expect(fromArrow).toMatchObject({ format: 'arrow', typesFromFile: true, name: 'penguins' });
    expect(shape(fromArrow)).toEqual(shape(viaJson));

    const xlsx = await uploadMultipart(server.url, await bytesOf(join(dir, 'p.xlsx')), 'birds.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.status).toBe(201);
    const fromXlsx = (await xlsx.json()) as DatasetDescription;
    expect(fromXlsx).toMatchObject({ format: 'xlsx', name: 'birds', sheet: { name: 'Penguins', sheets: [{ name: 'Penguins', rows: 345 }] } });
    expect(fromXlsx.typesFromFile).toBeUndefined();
    expect(shape(fromXlsx)).toEqual(shape(viaJson));

    // Stored, not just answered: the description reads back the same.
    const stored = (await (await ownerFetch(`${server.url}/api/datasets/${fromXlsx.id}`)).json()) as DatasetDescription;
    expect(stored.sheet).toEqual(fromXlsx.sheet);
  });

  it('?sheet= picks a sheet; an unknown sheet, or a sheet of a CSV, is a 400 with a sentence', async () => {
    const [penguins, cars] = await Promise.all([loadAsset('penguins'), loadAsset('cars')]);
    const path = join(dir, 'two.xlsx');
    await writeXlsxFixture([{ name: 'Penguins', table: penguins }, { name: 'Cars', table: cars }], path);
    const body = await bytesOf(path);
    const upload = (query: string) =>
      ownerFetch(`${server.url}/api/datasets?${query}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body });
    const second = await upload('sheet=Cars&name=two-cars');
    expect(second.status).toBe(201);
    expect((await second.json()) as DatasetDescription).toMatchObject({ rowCount: cars.rowCount, sheet: { name: 'Cars', sheets: [{ name: 'Penguins' }, { name: 'Cars' }] } });
    const unknown = await upload('sheet=Boats');
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ error: { code: 'unknown_sheet', message: 'The workbook has no sheet named "Boats"; its sheets are "Penguins", "Cars".' } });
    const csv = await ownerFetch(`${server.url}/api/datasets?sheet=A`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'a,b\n1,2\n' });
    expect(csv.status).toBe(400);
    expect(((await csv.json()) as { error: { code: string } }).error.code).toBe('unknown_sheet');
  });

  it(`more than MAX_ROWS (${MAX_ROWS.toLocaleString('en-US')}) rows → 413 with a sentence, for Parquet and an Arrow stream; nothing is stored`, async () => {
    const before = ((await (await ownerFetch(`${server.url}/api/datasets`)).json()) as { datasets: unknown[] }).datasets.length;
    const n = MAX_ROWS + 1;
    const x = Float64Array.from({ length: n }, (_, i) => Math.sin(i));
    const group = Array.from({ length: n }, (_, i) => `g${i % 7}`);
    const parquet = parquetWriteBuffer({ columnData: [{ name: 'x', data: x, type: 'DOUBLE' }, { name: 'group', data: group, type: 'STRING' }], rowGroupSize: 50_000 });
    const arrow = tableToIPC(tableFromArrays({ x, group }), 'stream');
    for (const body of [new Uint8Array(parquet), arrow]) {
      const response = await uploadText(server.url, new Uint8Array(body), 'application/octet-stream');
      expect(response.status).toBe(413);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('too_many_rows');
      expect(error.message).toMatch(/at most 250,000 are accepted\.$/);
    }
    const after = ((await (await ownerFetch(`${server.url}/api/datasets`)).json()) as { datasets: unknown[] }).datasets.length;
    expect(after).toBe(before);
  });

  it('a damaged workbook is a 400 with a sentence, not a 500', async () => {
    const path = join(dir, 'cut.xlsx');
    await writeXlsxFixture([{ name: 'S', table: await loadAsset('iris') }], path);
    const bytes = await bytesOf(path);
    const response = await uploadMultipart(server.url, bytes.slice(0, bytes.length >> 1), 'cut.xlsx');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'corrupt_file', message: expect.stringMatching(/damaged or truncated/) });
  });
});
