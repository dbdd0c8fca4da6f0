import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetDescription, DatasetDetail } from '../../../shared/api-types.ts';
import { decodeBuffer } from '../../../shared/binary.ts';
import type { RunningServer } from '../../../server/server.ts';
import { ASSETS, assetPath } from '../../support/assets.ts';
import { CONTENT_TYPES, errorCode, ownerFetch, uploadAsset, uploadMultipart, uploadText } from '../../support/http.ts';
import { removeDir, startTestServer, tempDataDir } from '../../support/server-process.ts';

let server: RunningServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = await tempDataDir();
  server = await startTestServer(dataDir, { maxUploadBytes: 512 * 1024 });
});
afterAll(async () => {
  await server.close();
  await removeDir(dataDir);
});

async function storeSnapshot(): Promise<string[]> {
  const list = async (dir: string): Promise<string[]> =>
    (await readdir(dir, { withFileTypes: true }).catch(() => [])).flatMap((e) => [join(dir, e.name)]);
  const top = await list(dataDir);
  const nested = await Promise.all(top.map((d) => list(d)));
  return [...top, ...nested.flat()].sort();
}

describe('uploading every demo dataset in every accepted format', () => {
  for (const name of Object.keys(ASSETS) as (keyof typeof ASSETS)[]) {
    it(`${name}: raw body, multipart, and the rows re-sent as JSON, CSV and TSV all give the same table`, async () => {
      const raw = await uploadAsset(server.url, name);
      expect(raw.rowCount).toBeGreaterThan(100);
      const bytes = new Uint8Array(await readFile(assetPath(name)));
      const multipart = await uploadMultipart(server.url, bytes, ASSETS[name]);
      expect(multipart.status).toBe(201);
      const viaForm = (await multipart.json()) as DatasetDescription;
      expect(viaForm.rowCount).toBe(raw.rowCount);
      expect(viaForm.columns.map((c) => [c.name, c.type])).toEqual(raw.columns.map((c) => [c.name, c.type]));

      // Rows read back as JSON, re-uploaded as JSON, give the same table.
      const rowsResponse = await ownerFetch(`${server.url}/api/datasets/${raw.id}/rows?offset=0&limit=10000`);
      const { rows, total } = (await rowsResponse.json()) as { rows: Record<string, unknown>[]; total: number };
      expect(total).toBe(raw.rowCount);
      expect(rows).toHaveLength(raw.rowCount);
      // The same rows as JSON, CSV and TSV text: every accepted format gives the same table.
      const fields = raw.columns.map((c) => c.name);
      const delimited = (delimiter: string) =>
        Papa.unparse({ fields, data: rows.map((r) => fields.map((f) => r[f] ?? '')) }, { delimiter, newline: '\n' });
      for (const [body, type] of [
        [JSON.stringify(rows), CONTENT_TYPES.json],
        [delimited(','), CONTENT_TYPES.csv],
        [delimited('\t'), CONTENT_TYPES.tsv],
      ] as const) {
        const again = await uploadText(server.url, body, type);
        expect(again.status, type).toBe(201);
        const reparsed = (await again.json()) as DatasetDescription;
        expect(reparsed.rowCount, type).toBe(raw.rowCount);
        expect(reparsed.columns.map((c) => [c.name, c.type, c.missing]), type).toEqual(raw.columns.map((c) => [c.name, c.type, c.missing]));
      }

      // Every column decodes from its binary endpoint to the values the rows endpoint shows.
      for (const column of raw.columns) {
        const response = await ownerFetch(`${server.url}/api/datasets/${raw.id}/columns/${encodeURIComponent(column.name)}`);
        expect(response.status).toBe(200);
        const decoded = decodeBuffer(await response.arrayBuffer());
        expect(decoded.shape[0]).toBe(raw.rowCount);
        for (const r of [0, Math.floor(raw.rowCount / 2), raw.rowCount - 1]) {
          const shown = rows[r][column.name];
          const stored = decoded.data[r];
          if (column.type === 'number') expect(Number.isNaN(stored) ? null : stored).toBe(shown);
          else if (column.type === 'datetime') expect(Number.isNaN(stored) ? null : new Date(stored).toISOString()).toBe(shown);
          else if (column.type === 'boolean') expect(stored < 0 ? null : decoded.dictionary![stored] === 'true').toBe(shown);
          else expect(stored < 0 ? null : decoded.dictionary![stored]).toBe(shown);
        }
      }
    });
  }

  it('describes columns with profiles', async () => {
    const penguins = await uploadAsset(server.url, 'penguins');
    const detail = (await (await ownerFetch(`${server.url}/api/datasets/${penguins.id}`)).json()) as DatasetDetail;
    const flipper = detail.columns.find((c) => c.name === 'Flipper Length (mm)')!;
    expect(flipper.type).toBe('number');
    expect(flipper.missing).toBe(2);
    expect(flipper.profile.type).toBe('number');
    if (flipper.profile.type === 'number') {
      expect(flipper.profile.min).toBe(172);
      expect(flipper.profile.max).toBe(231);
      expect(flipper.profile.histogram!.counts.reduce((s, c) => s + c, 0)).toBe(342);
    }
    const species = detail.columns.find((c) => c.name === 'Species')!;
    expect(species.type).toBe('category');
    expect(species.distinct).toBe(3);
  });

  it('handles semicolon CSV with decimal commas and a BOM', async () => {
    const text = '\uFEFFname;weight;height\nA;1,5;10\nB;2,25;11\nC;3,0;12\n';
    const response = await uploadText(server.url, text, CONTENT_TYPES.csv, 'european');
    expect(response.status).toBe(201);
    const ds = (await response.json()) as DatasetDescription;
    expect(ds.name).toBe('european');
    expect(ds.columns.map((c) => c.name)).toEqual(['name', 'weight', 'height']);
    expect(ds.columns[1].type).toBe('number');
    const { rows } = (await (await ownerFetch(`${server.url}/api/datasets/${ds.id}/rows`)).json()) as { rows: Record<string, unknown>[] };
    expect(rows.map((r) => r.weight)).toEqual([1.5, 2.25, 3]);
  });
});

describe('demo datasets', () => {
  it('lists the shipped datasets and imports one on request', async () => {
    const { demos } = (await (await ownerFetch(`${server.url}/api/demo-datasets`)).json()) as { demos: { key: string; rows: number }[] };
    expect(demos.map((d) => d.key)).toEqual(['penguins', 'iris', 'cars', 'seattle-weather', 'superstore-orders']);
    for (const demo of demos) {
      const response = await ownerFetch(`${server.url}/api/demo-datasets/${demo.key}`, { method: 'POST' });
      expect(response.status).toBe(201);
      expect(((await response.json()) as DatasetDescription).rowCount).toBe(demo.rows);
    }
    expect((await ownerFetch(`${server.url}/api/demo-datasets/nope`, { method: 'POST' })).status).toBe(404);
  });

  it('imports each demo once: asking again (even twice at once) answers the same dataset, and the list names it', async () => {
    const listed = async () => ((await (await ownerFetch(`${server.url}/api/demo-datasets`)).json()) as { demos: { key: string; datasetId?: string }[] }).demos;
    const before = (await listed()).find((d) => d.key === 'iris')!;
    expect(before.datasetId).toEqual(expect.any(String)); // imported by the test above
    const again = await Promise.all([1, 2].map(() => ownerFetch(`${server.url}/api/demo-datasets/iris`, { method: 'POST' })));
    expect(again.map((r) => r.status)).toEqual([200, 200]);
    const ids = await Promise.all(again.map(async (r) => ((await r.json()) as DatasetDescription).id));
    expect(ids).toEqual([before.datasetId, before.datasetId]);
    const { datasets } = (await (await ownerFetch(`${server.url}/api/datasets`)).json()) as { datasets: DatasetDescription[] };
    expect(datasets.filter((d) => d.name === 'Iris').map((d) => d.id)).toEqual([before.datasetId]);
  });
});

describe('bad requests get their documented error and change nothing', () => {
  it('rejects each bad upload with a precise 4xx and leaves the store as it was', async () => {
    const before = await storeSnapshot();
    const cases: [Promise<Response>, number, string][] = [
      [uploadText(server.url, '', CONTENT_TYPES.csv), 400, 'empty'],
      [uploadText(server.url, 'a,b,c\n', CONTENT_TYPES.csv), 400, 'no_rows'],
      [uploadText(server.url, '[{"a": 1}, {"a": ', CONTENT_TYPES.json), 400, 'invalid_json'],
      [uploadText(server.url, new Uint8Array([0, 159, 146, 150, 0, 1, 2, 3, 0, 0]), CONTENT_TYPES.csv), 400, 'binary'],
      [uploadText(server.url, 'a,b\n1,2\n', 'image/png'), 415, 'unsupported_media_type'],
      [uploadText(server.url, 'x,y\n' + '1,2\n'.repeat(200_000), CONTENT_TYPES.csv), 413, 'too_large'],
      [uploadMultipart(server.url, 'x,y\n' + '1,2\n'.repeat(200_000), 'big.csv'), 413, 'too_large'],
      [ownerFetch(`${server.url}/api/datasets`, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=zz' }, body: '--zz\r\nContent-Disposition: form-data; name="other"\r\n\r\nhello\r\n--zz--\r\n' }), 400, 'missing_file'],
    ];
    for (const [request, status, code] of cases) {
      const response = await request;
      expect({ status: response.status, code: await errorCode(response) }).toEqual({ status, code });
    }
    expect(await storeSnapshot()).toEqual(before);
  });

  it('stops a chunked multipart upload at the limit with 413 (no Content-Length to check first)', async () => {
    const boundary = 'mirage-boundary';
    const encoder = new TextEncoder();
    const chunk = encoder.encode('1,2\n'.repeat(16_384));
    let sent = 0;
    // Produced on demand, 64 KB at a time, up to 64 MB: a server that stops reading never gets the end.
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\nx,y\n`));
      },
      pull(controller) {
        if (sent > 64 * 2 ** 20) {
          controller.enqueue(encoder.encode(`\r\n--${boundary}--\r\n`));
          controller.close();
          return;
        }
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const response = await ownerFetch(`${server.url}/api/datasets`, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    expect(response.status).toBe(413);
    expect(await errorCode(response)).toBe('too_large');
  });

  it('enforces MAX_ROWS and MAX_COLUMNS with 413 and a message naming the limit', async () => {
    const dir = await tempDataDir();
    const limited = await startTestServer(dir, { maxRows: 100, maxColumns: 5 });
    try {
      const tooLong = await uploadText(limited.url, 'a,b\n' + '1,2\n'.repeat(101), CONTENT_TYPES.csv);
      expect(tooLong.status).toBe(413);
      expect(await errorCode(tooLong)).toBe('too_many_rows');
      const tooWide = await uploadText(limited.url, 'a,b,c,d,e,f\n1,2,3,4,5,6\n', CONTENT_TYPES.csv);
      expect(tooWide.status).toBe(413);
      const body = (await tooWide.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('too_many_columns');
      expect(body.error.message).toMatch(/5/);
      expect((await uploadText(limited.url, 'a,b\n' + '1,2\n'.repeat(100), CONTENT_TYPES.csv)).status).toBe(201);
    } finally {
      await limited.close();
      await removeDir(dir);
    }
  });

  it('answers unknown ids, path traversal and unknown columns with 404', async () => {
    const penguins = await uploadAsset(server.url, 'penguins');
    for (const path of [
      '/api/datasets/doesNotExist123',
      '/api/datasets/..%2F..%2Fetc%2Fpasswd',
      '/api/datasets/%2e%2e',
      `/api/datasets/${penguins.id}/columns/${encodeURIComponent('../dataset.json')}`,
      `/api/datasets/${penguins.id}/columns/nope`,
      '/api/analyses/..%2Fdatasets',
      '/api/nothing-here',
    ]) {
      const response = await ownerFetch(server.url + path);
      expect(response.status, path).toBe(404);
      expect(await errorCode(response)).toBe('not_found');
    }
  });

  it('keeps __proto__ and constructor as ordinary column names', async () => {
    const response = await uploadText(server.url, JSON.stringify([{ __proto__: 1, constructor: 'x', ok: 2 }, { __proto__: 3, constructor: 'y', ok: 4 }].map((r) => JSON.parse(JSON.stringify(r)))), CONTENT_TYPES.json);
    // JSON.stringify drops a real __proto__ key, so build the text by hand as well:
    const handmade = await uploadText(server.url, '[{"__proto__": 1, "constructor": "x", "ok": 2}, {"__proto__": 3, "constructor": "y", "ok": 4}]', CONTENT_TYPES.json);
    expect(response.status).toBe(201);
    expect(handmade.status).toBe(201);
    const ds = (await handmade.json()) as DatasetDescription;
    expect(ds.columns.map((c) => c.name).sort()).toEqual(['__proto__', 'constructor', 'ok']);
    const { rows } = (await (await ownerFetch(`${server.url}/api/datasets/${ds.id}/rows`)).json()) as { rows: Record<string, unknown>[] };
    expect(Object.getOwnPropertyDescriptor(rows[0], '__proto__')?.value).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('deletes a dataset with its analyses and nothing else', async () => {
    const keep = await uploadAsset(server.url, 'iris');
    const doomed = await uploadAsset(server.url, 'iris');
    const deleted = await ownerFetch(`${server.url}/api/datasets/${doomed.id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect((await ownerFetch(`${server.url}/api/datasets/${doomed.id}`)).status).toBe(404);
    expect((await ownerFetch(`${server.url}/api/datasets/${keep.id}`)).status).toBe(200);
    expect((await readdir(join(dataDir, 'datasets'))).includes(doomed.id)).toBe(false);
  });
});
