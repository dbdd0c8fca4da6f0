import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetDescription, DatasetDetail } from '../../../shared/api-types.ts';
import type { CoOccurrenceAnswer } from '../../../shared/insights/co-occurrence.ts';
import { ruleText } from '../../../shared/insights/co-occurrence.ts';
import { RFM_COLUMNS, RFM_FEATURES } from '../../../shared/presets/rfm-segments.ts';
import { indicesFromRanges } from '../../../shared/session/ranges.ts';
import type { RunningServer } from '../../../server/server.ts';
import { postAnalysis, waitForAnalysis } from '../../support/analysis-client.ts';
import { errorCode, ownerFetch, postJson, uploadAsset } from '../../support/http.ts';
import { removeDir, startTestServer, tempDataDir } from '../../support/server-process.ts';

let server: RunningServer;
let dataDir: string;
let orders: DatasetDescription;
let penguins: DatasetDescription;
let penguinsAnalysis: string;

beforeAll(async () => {
  dataDir = await tempDataDir('mirage-presets-');
  server = await startTestServer(dataDir);
  const demo = await ownerFetch(`${server.url}/api/demo-datasets/superstore-orders`, { method: 'POST' });
  expect(demo.status).toBe(201);
  orders = (await demo.json()) as DatasetDescription;
  penguins = await uploadAsset(server.url, 'penguins');
  penguinsAnalysis = (await postAnalysis(server.url, penguins.id, { reduction: { method: 'pca' }, clustering: { method: 'kmeans', k: 3 } })).id;
  expect((await waitForAnalysis(server.url, penguinsAnalysis)).status).toBe('done');
}, 120_000);
afterAll(async () => {
  await server?.close();
  if (dataDir) await removeDir(dataDir);
});

const PICKS = { customer: 'Customer ID', date: 'Order Date', amount: 'Sales' };
const rfm = (id: string, body: unknown) => postJson(`${server.url}/api/datasets/${id}/rfm`, body);
const rules = (id: string, body: unknown) => postJson(`${server.url}/api/analyses/${id}/co-occurrences`, body);
async function refusal(response: Response): Promise<string> {
  expect(response.status).toBe(400);
  const { error } = (await response.clone().json()) as { error: { message: string } };
  await errorCode(response);
  return error.message;
}

describe('POST /api/datasets/:id/rfm', () => {
  it('stores the customer table as a dataset that analyses like any other', async () => {
    const response = await rfm(orders.id, PICKS);
    expect(response.status).toBe(201);
    const body = (await response.json()) as { dataset: DatasetDescription; customers: number; lastDate: string; segments: Record<string, number> };
    expect(body.customers).toBe(397);
    expect(body.lastDate).toBe('2017-12-30');
    expect(Object.values(body.segments).reduce((a, b) => a + b, 0)).toBe(397);
    const detail = (await (await ownerFetch(`${server.url}/api/datasets/${body.dataset.id}`)).json()) as DatasetDetail;
    expect(detail.rowCount).toBe(397);
    const types = Object.fromEntries(detail.columns.map((c) => [c.name, c.type]));
    expect(types).toMatchObject({ [RFM_COLUMNS.recency]: 'number', [RFM_COLUMNS.r]: 'number', [RFM_COLUMNS.segment]: 'category' });
    expect(detail.columns.find((c) => c.name === 'Customer ID')?.identifier).toBe(true);
    const listed = (await (await ownerFetch(`${server.url}/api/datasets`)).json()) as { datasets: DatasetDescription[] };
    expect(listed.datasets.some((d) => d.id === body.dataset.id)).toBe(true);

    const analysis = await postAnalysis(server.url, body.dataset.id, { features: RFM_FEATURES, reduction: { method: 'pca' } });
    const done = await waitForAnalysis(server.url, analysis.id);
    expect(done.status).toBe('done');
    expect(done.result?.clusters.length).toBeGreaterThanOrEqual(2);

    // The session the start page opens on it is coloured by segment; a column the table lacks is refused.
    const session = { datasetId: body.dataset.id, analysisId: analysis.id };
    expect((await postJson(`${server.url}/api/sessions`, { ...session, colorBy: RFM_COLUMNS.segment })).status).toBe(201);
    expect(await refusal(await postJson(`${server.url}/api/sessions`, { ...session, colorBy: 'Region' }))).toMatch(/colorBy names no column/);
  });

  it('refuses columns it cannot read, with a sentence, and changes nothing', async () => {
    const before = ((await (await ownerFetch(`${server.url}/api/datasets`)).json()) as { datasets: unknown[] }).datasets.length;
    expect(await refusal(await rfm(orders.id, { ...PICKS, date: 'Region' }))).toMatch(/not dates/);
    expect(await refusal(await rfm(orders.id, { ...PICKS, amount: 'Segment' }))).toMatch(/not numbers/);
    expect(await refusal(await rfm(orders.id, { ...PICKS, customer: 'Who' }))).toMatch(/"Who" is not in this table/);
    expect(await refusal(await rfm(orders.id, { customer: 'Customer ID', date: 'Order Date' }))).toMatch(/amount/);
    expect(await refusal(await rfm(penguins.id, { customer: 'Species', date: 'Island', amount: 'Body Mass (g)' }))).toMatch(/not dates/);
    expect((await rfm('no-such-dataset', PICKS)).status).toBe(404);
    const after = ((await (await ownerFetch(`${server.url}/api/datasets`)).json()) as { datasets: unknown[] }).datasets.length;
    expect(after).toBe(before);
  });
});

describe('POST /api/analyses/:id/co-occurrences', () => {
  it('lists rules for all rows, a cluster and given rows, each with the rows it covers', async () => {
    const all = (await (await rules(penguinsAnalysis, { group: { kind: 'all' } })).json()) as CoOccurrenceAnswer;
    expect(all.groupRows).toBe(333);
    expect(all.columns).toEqual(['Species', 'Island', 'Sex']);
    expect(all.rules.map(ruleText)).toContain('Island = Torgersen ⇒ Species = Adelie');
    for (const rule of all.rules) expect(indicesFromRanges(rule.rows).length).toBe(rule.count);

    const cluster = (await (await rules(penguinsAnalysis, { group: { kind: 'cluster', cluster: 0 }, minSupport: 0.1, top: 3 })).json()) as CoOccurrenceAnswer;
    expect(cluster.groupRows).toBeGreaterThan(0);
    expect(cluster.groupRows).toBeLessThan(333);
    expect(cluster.rules.length).toBeLessThanOrEqual(3);

    const some = (await (await rules(penguinsAnalysis, { group: { kind: 'rows', rows: [0, 100] } })).json()) as CoOccurrenceAnswer;
    expect(some.groupRows).toBe(100);
    for (const rule of some.rules) expect(indicesFromRanges(rule.rows).every((r) => r < 100)).toBe(true);
  });

  it('answers bad groups and bounds with a 400 sentence, unknown analyses with 404', async () => {
    expect(await refusal(await rules(penguinsAnalysis, {}))).toMatch(/group/);
    expect(await refusal(await rules(penguinsAnalysis, { group: { kind: 'rows', rows: [5, 2] } }))).toMatch(/sorted, disjoint/);
    expect(await refusal(await rules(penguinsAnalysis, { group: { kind: 'rows', rows: [0, 9999] } }))).toMatch(/344 rows/);
    expect(await refusal(await rules(penguinsAnalysis, { group: { kind: 'rows', rows: [] } }))).toMatch(/empty/);
    expect(await refusal(await rules(penguinsAnalysis, { group: { kind: 'cluster', cluster: 77 } }))).toMatch(/Cluster 77 has no points/);
    expect(await refusal(await rules(penguinsAnalysis, { group: { kind: 'all' }, minSupport: 0 }))).toMatch(/minSupport/);
    expect(await refusal(await rules(penguinsAnalysis, { group: { kind: 'all' }, top: 1000 }))).toMatch(/top/);
    expect((await rules('no-such-analysis', { group: { kind: 'all' } })).status).toBe(404);
  });
});
