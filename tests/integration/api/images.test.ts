import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetDescription } from '../../../shared/api-types.ts';
import { isImageColumn } from '../../../shared/image-files.ts';
import type { RunningServer } from '../../../server/server.ts';
import { digitImageTable, imageForm, type DigitImageTable } from '../../support/digit-images.ts';
import { CONTENT_TYPES, errorCode, ownerFetch, postJson } from '../../support/http.ts';
import { removeDir, startTestServer, tempDataDir } from '../../support/server-process.ts';

let server: RunningServer;
let dataDir: string;
let table: DigitImageTable;
let dataset: DatasetDescription;

const imagesUrl = () => `${server.url}/api/datasets/${dataset.id}/images`;
const storedNames = async () => (await readdir(join(dataDir, 'datasets', dataset.id, 'images')).catch(() => [] as string[])).sort();

beforeAll(async () => {
  dataDir = await tempDataDir('mirage-images-');
  server = await startTestServer(dataDir);
  table = await digitImageTable(40);
  const response = await ownerFetch(`${server.url}/api/datasets?name=digits-with-images`, { method: 'POST', headers: { 'content-type': CONTENT_TYPES.csv }, body: table.csv });
  expect(response.status).toBe(201);
  dataset = (await response.json()) as DatasetDescription;
}, 60_000);
afterAll(async () => {
  await server?.close();
  if (dataDir) await removeDir(dataDir);
});

describe('images kept with a dataset', () => {
  it('the image column names image files', async () => {
    const rows = (await (await ownerFetch(`${server.url}/api/datasets/${dataset.id}/rows?limit=40`)).json()) as { rows: Record<string, unknown>[] };
    expect(isImageColumn(rows.rows.map((r) => String(r.image)))).toBe(true);
    expect(isImageColumn(rows.rows.map((r) => String(r.pixel_0_1)))).toBe(false);
  });

  it('refuses a whole upload when one image is bad, and stores nothing of it', async () => {
    const fake = { name: 'fake.png', bytes: new TextEncoder().encode('not a png at all') };
    const response = await ownerFetch(imagesUrl(), { method: 'POST', body: imageForm([table.images[0], fake]) });
    expect(response.status).toBe(415);
    expect(await errorCode(response)).toBe('not_an_image');
    expect(await storedNames()).toEqual([]);
    const badName = await ownerFetch(imagesUrl(), { method: 'POST', body: imageForm([{ name: '..evil.png', bytes: table.images[0].bytes }]) });
    expect(badName.status).toBe(400);
    expect(await errorCode(badName)).toBe('bad_image_name');
    const big = new Uint8Array(5 * 2 ** 20 + 10);
    big.set(table.images[0].bytes.subarray(0, 8));
    const tooLarge = await ownerFetch(imagesUrl(), { method: 'POST', body: imageForm([{ name: 'big.png', bytes: big }]) });
    expect(tooLarge.status).toBe(413);
    const notForm = await postJson(imagesUrl(), { file: 'x.png' });
    expect(notForm.status).toBe(415);
    expect(await storedNames()).toEqual([]);
  });

  it('stores the digits\' PNGs and serves each back, byte for byte, as image/png with nosniff', async () => {
    const response = await ownerFetch(imagesUrl(), { method: 'POST', body: imageForm(table.images) });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { stored: { name: string; bytes: number }[]; count: number };
    expect(body.stored).toHaveLength(40);
    expect(body.count).toBe(40);
    expect(await storedNames()).toEqual(table.images.map((i) => i.name));
    const served = await ownerFetch(`${imagesUrl()}/${table.images[7].name}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = new Uint8Array(await served.arrayBuffer());
    expect(bytes).toEqual(table.images[7].bytes);
    const png = PNG.sync.read(Buffer.from(bytes));
    expect([png.width, png.height]).toEqual([48, 48]);
  });

  it('answers 404 for an image it does not have, and for a name that tries to leave the folder', async () => {
    expect((await ownerFetch(`${imagesUrl()}/digit-9999.png`)).status).toBe(404);
    expect((await ownerFetch(`${imagesUrl()}/..%2Fdataset.json`)).status).toBe(404);
    expect((await ownerFetch(`${server.url}/api/datasets/nope/images/digit-0000.png`)).status).toBe(404);
  });
});
