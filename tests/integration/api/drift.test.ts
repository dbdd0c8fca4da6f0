import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisDescription, DatasetDescription, SessionCreated } from '../../../shared/api-types.ts';
import type { DriftReport } from '../../../shared/insights/drift.ts';
import type { RunningServer } from '../../../server/server.ts';
import { waitForAnalysis } from '../../support/analysis-client.ts';
import { CONTENT_TYPES, errorCode, ownerFetch, postJson, uploadAsset } from '../../support/http.ts';
import { cleanPenguinsCsv } from '../../support/planted-penguins.ts';
import { removeDir, startTestServer, tempDataDir } from '../../support/server-process.ts';
import { SHIFT, shiftedPenguinsCsv } from '../../support/shifted-penguins.ts';

let server: RunningServer;
let dataDir: string;
let before: DatasetDescription;
let after: DatasetDescription;

async function upload(csv: string, name: string): Promise<DatasetDescription> {
  const response = await ownerFetch(`${server.url}/api/datasets?name=${name}`, { method: 'POST', headers: { 'content-type': CONTENT_TYPES.csv }, body: csv });
  expect(response.status).toBe(201);
  return (await response.json()) as DatasetDescription;
}

async function refusal(response: Response): Promise<[number, string]> {
  const { error } = (await response.clone().json()) as { error: { message: string } };
  expect(error.message.length).toBeGreaterThan(15);
  return [response.status, await errorCode(response)];
}

const drift = (id: string, query = '', headers: Record<string, string> = {}) => ownerFetch(`${server.url}/api/datasets/${id}/drift${query}`, { headers });

beforeAll(async () => {
  dataDir = await tempDataDir('mirage-drift-');
  server = await startTestServer(dataDir);
  before = await upload(cleanPenguinsCsv(), 'penguins-2025');
  after = await upload(shiftedPenguinsCsv(), 'penguins-2026');
}, 60_000);
afterAll(async () => {
  await server?.close();
  if (dataDir) await removeDir(dataDir);
});

describe('GET /api/datasets/:id/drift?against=', () => {
  it('ranks the shifted column first, flags only it, and counts removed rows by the id column', async () => {
    const response = await drift(before.id, `?against=${after.id}`);
    expect(response.status).toBe(200);
    const report = (await response.json()) as DriftReport;
    expect(report.columns[0]).toMatchObject({ column: SHIFT.column, kind: 'number', metric: 'psi', drifted: true });
    expect(report.columns.filter((c) => c.drifted).map((c) => c.column)).toEqual([SHIFT.column]);
    expect(report.columns.map((c) => c.column)).toEqual(expect.arrayContaining(['Species', 'Island', 'Sex', 'Flipper Length (mm)']));
    expect(report.rows).toEqual({ added: 0, removed: SHIFT.removed, matchedBy: 'identifier', key: 'id', referenceRows: 344, currentRows: 344 - SHIFT.removed });
    // Sorted from most to least drifted.
    const order = report.columns.map((c) => [Number(c.drifted), c.psi] as const);
    for (let i = 1; i < order.length; i++) expect(order[i - 1][0] > order[i][0] || (order[i - 1][0] === order[i][0] && order[i - 1][1] >= order[i][1])).toBe(true);
  });

  it('finds nothing between a dataset and itself', async () => {
    const report = (await (await drift(before.id, `?against=${before.id}`)).json()) as DriftReport;
    expect(report.columns.some((c) => c.drifted)).toBe(false);
    expect(report.rows).toMatchObject({ added: 0, removed: 0, matchedBy: 'identifier' });
  });

  it('refuses bad input with a sentence: no shared column 400, unknown ids 404, no `against` 400', async () => {
    const iris = await uploadAsset(server.url, 'iris');
    expect(await refusal(await drift(before.id, `?against=${iris.id}`))).toEqual([400, 'no_shared_columns']);
    expect(await refusal(await drift(before.id, '?against=nosuchdataset1'))).toEqual([404, 'not_found']);
    expect(await refusal(await drift('nosuchdataset1', `?against=${before.id}`))).toEqual([404, 'not_found']);
    expect(await refusal(await drift(before.id, '?against=../../etc'))).toEqual([404, 'not_found']);
    expect(await refusal(await drift(before.id))).toEqual([400, 'not_a_comparison']);
  });

  it('needs the right to read both datasets', async () => {
    const session = (await (await postJson(`${server.url}/api/sessions`, { datasetId: before.id })).json()) as SessionCreated;
    const asViewer = (query: string) => fetch(`${server.url}/api/datasets/${before.id}/drift${query}`, { headers: { authorization: `Bearer ${session.viewToken}` } });
    expect(await refusal(await asViewer(`?against=${after.id}`))).toEqual([403, 'forbidden']);
    expect((await asViewer(`?against=${before.id}`)).status).toBe(200);
  });
});

describe('POST /api/datasets/:id/comparisons', () => {
  it('stores both datasets as one with a source column, keeps their drift, and embeds them in one joint fit', async () => {
    const response = await postJson(`${server.url}/api/datasets/${before.id}/comparisons`, { against: after.id });
    expect(response.status).toBe(201);
    const { dataset, analysis, drift: report } = (await response.json()) as { dataset: DatasetDescription; analysis: AnalysisDescription; drift: DriftReport };
    expect(dataset.rowCount).toBe(344 + 344 - SHIFT.removed);
    expect(dataset.comparison).toEqual({
      reference: { datasetId: before.id, name: 'penguins-2025', label: 'penguins-2025' },
      current: { datasetId: after.id, name: 'penguins-2026', label: 'penguins-2026' },
      sourceColumn: 'source',
    });
    expect(dataset.columns.map((c) => c.name)).toEqual([...before.columns.map((c) => c.name), 'source']);
    expect(dataset.columns.find((c) => c.name === 'id')!.identifier).toBe(true);
    expect(report.columns[0].column).toBe(SHIFT.column);

    // Its sessions read the stored drift without access to the two originals.
    const session = (await (await postJson(`${server.url}/api/sessions`, { datasetId: dataset.id, analysisId: analysis.id })).json()) as SessionCreated;
    const stored = await fetch(`${server.url}/api/datasets/${dataset.id}/drift`, { headers: { authorization: `Bearer ${session.viewToken}` } });
    expect(stored.status).toBe(200);
    expect(await stored.json()).toEqual(report);

    const done = await waitForAnalysis(server.url, analysis.id);
    expect(done.status).toBe('done');
    expect(done.result!.features.map((f) => f.column)).not.toContain('source');
    expect(done.result!.notes[0].text).toMatch(/^Both versions embedded together \(joint UMAP fit\)/);
  }, 120_000);

  it('refuses a comparison with itself, with nothing shared, or with an unknown dataset, and keeps nothing', async () => {
    const count = async () => ((await (await ownerFetch(`${server.url}/api/datasets`)).json()) as { datasets: unknown[] }).datasets.length;
    const n = await count();
    const iris = await uploadAsset(server.url, 'iris');
    const compare = (body: unknown) => postJson(`${server.url}/api/datasets/${before.id}/comparisons`, body);
    expect(await refusal(await compare({ against: before.id }))).toEqual([400, 'same_dataset']);
    expect(await refusal(await compare({ against: iris.id }))).toEqual([400, 'no_shared_columns']);
    expect(await refusal(await compare({ against: 'nosuchdataset1' }))).toEqual([404, 'not_found']);
    expect(await refusal(await compare({}))).toEqual([400, 'invalid_request']);
    expect(await refusal(await compare({ against: after.id, extra: 1 }))).toEqual([400, 'invalid_request']);
    expect(await count()).toBe(n + 1);
  });

  it('refuses two datasets whose rows together pass MAX_ROWS (413), keeping nothing', async () => {
    const small = await tempDataDir('mirage-drift-rows-');
    const limited = await startTestServer(small, { maxRows: 500 });
    try {
      const upload = (csv: string, name: string) =>
        ownerFetch(`${limited.url}/api/datasets?name=${name}`, { method: 'POST', headers: { 'content-type': CONTENT_TYPES.csv }, body: csv }).then((r) => r.json() as Promise<DatasetDescription>);
      const [a, b] = [await upload(cleanPenguinsCsv(), 'a'), await upload(shiftedPenguinsCsv(), 'b')];
      const response = await postJson(`${limited.url}/api/datasets/${a.id}/comparisons`, { against: b.id });
      expect(await refusal(response)).toEqual([413, 'too_many_rows']);
      expect(((await (await ownerFetch(`${limited.url}/api/datasets`)).json()) as { datasets: unknown[] }).datasets).toHaveLength(2);
    } finally {
      await limited.close();
      await removeDir(small);
    }
  }, 60_000);
});
