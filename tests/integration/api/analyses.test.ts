import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisDescription, PointsJson } from '../../../shared/api-types.ts';
import { decodeBuffer } from '../../../shared/binary.ts';
import type { RunningServer } from '../../../server/server.ts';
import { collectEvents, postAnalysis, waitForAnalysis } from '../../support/analysis-client.ts';
import { ASSETS } from '../../support/assets.ts';
import { CONTENT_TYPES, errorCode, ownerFetch, postJson, uploadAsset, uploadText } from '../../support/http.ts';
import { generateMixture, mixtureToCsv } from '../../support/synthetic.ts';
import { removeDir, startTestServer, tempDataDir } from '../../support/server-process.ts';
import { waitFor } from '../../support/collab-harness.ts';
import { analysisParamsSchema } from '../../../shared/analysis-params.ts';

let server: RunningServer;
let dataDir: string;
const datasets: Record<string, string> = {};

beforeAll(async () => {
  dataDir = await tempDataDir();
  server = await startTestServer(dataDir);
  for (const name of Object.keys(ASSETS) as (keyof typeof ASSETS)[]) datasets[name] = (await uploadAsset(server.url, name)).id;
});
afterAll(async () => {
  await server.close();
  await removeDir(dataDir);
});

async function bin(analysisId: string, name: string) {
  const response = await ownerFetch(`${server.url}/api/analyses/${analysisId}/${name}.bin`);
  expect(response.status).toBe(200);
  return decodeBuffer(await response.arrayBuffer());
}

/** points.json and the binary buffers must describe the same points. */
async function checkResults(analysis: AnalysisDescription, rowCount: number): Promise<void> {
  expect(analysis.status).toBe('done');
  const summary = analysis.result!;
  const points = (await (await ownerFetch(`${server.url}/api/analyses/${analysis.id}/points.json`)).json()) as PointsJson;
  const n = summary.pointCount;
  expect(points.rowIndex).toHaveLength(n);
  const [positions, cluster, anomaly, rowIndex] = await Promise.all(['positions', 'cluster', 'anomaly', 'row-index'].map((b) => bin(analysis.id, b)));
  expect(positions.shape).toEqual([n, 3]);
  expect(Array.from(rowIndex.data)).toEqual(points.rowIndex);
  expect(Array.from(cluster.data)).toEqual(points.cluster);
  points.positions.forEach((p, i) => p.forEach((v, j) => expect(v).toBe(positions.data[3 * i + j])));
  points.anomaly.forEach((v, i) => expect(v).toBe(anomaly.data[i]));
  expect(points.rowIndex.every((r, i) => r >= 0 && r < rowCount && (i === 0 || r > points.rowIndex[i - 1]))).toBe(true);
  expect(points.anomaly.every((a) => a >= 0 && a <= 1)).toBe(true);
  expect(points.cluster.every((c) => c >= -1 && c < summary.clustering.clusterCount)).toBe(true);
  expect(summary.clusters.reduce((s, c) => s + c.size, 0) + summary.clustering.noiseCount).toBe(n);
  expect(summary.pointCount + summary.droppedRows).toBe(rowCount);
}

describe('analyses through the API', () => {
  // One test per dataset and reduction (three clusterings each): 36 analyses in one test came close
  // to the per-test timeout on a loaded machine.
  for (const name of Object.keys(ASSETS) as (keyof typeof ASSETS)[]) {
    for (const reduction of ['umap', 'tsne', 'pca'] as const) {
      it(`analyses ${name} with ${reduction} and every clustering method, serving matching JSON and binary results`, async () => {
        const id = datasets[name];
        const dataset = (await (await ownerFetch(`${server.url}/api/datasets/${id}`)).json()) as { rowCount: number };
        for (const clustering of ['kmeans', 'dbscan', 'hdbscan'] as const) {
          const { id: analysisId, status } = await postAnalysis(server.url, id, { reduction: { method: reduction }, clustering: { method: clustering } });
          expect(status).toBe(202);
          const done = await waitForAnalysis(server.url, analysisId);
          expect(done.status, `${name} ${reduction}+${clustering}: ${JSON.stringify(done.error)}`).toBe('done');
          await checkResults(done, dataset.rowCount);
          expect(done.result!.reduction.method).toBe(reduction);
          expect(done.result!.clustering.method).toBe(clustering);
          expect(done.result!.clustering.clusterCount).toBeGreaterThanOrEqual(1);
        }
      });
    }
  }

  it('streams progress and intermediate layouts, then the result; the same request twice is one analysis', async () => {
    const params = { reduction: { method: 'umap' as const }, clustering: { method: 'hdbscan' as const }, seed: 7 };
    const first = await postAnalysis(server.url, datasets.seattle, params);
    const events = await collectEvents(server.url, first.id);
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.length).toBeGreaterThan(2);
    const fractions = progress.map((e) => (e.type === 'progress' ? e.progress.fraction : 0));
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    const layouts = events.filter((e) => e.type === 'layout');
    expect(layouts.length).toBeGreaterThan(0);
    if (layouts[0].type === 'layout') expect(decodeBuffer(Buffer.from(layouts[0].positions, 'base64')).shape[1]).toBe(3);
    expect(events.at(-1)!.type).toBe('done');
    // The points' rows come once, before any layout, and are what row-index.bin then holds.
    const rows = events.filter((e) => e.type === 'rows');
    expect(rows).toHaveLength(1);
    expect(events.findIndex((e) => e.type === 'rows')).toBeLessThan(events.findIndex((e) => e.type === 'layout'));
    if (rows[0].type === 'rows') expect(Array.from(decodeBuffer(Buffer.from(rows[0].rowIndex, 'base64')).data)).toEqual(Array.from((await bin(first.id, 'row-index')).data));

    const again = await postAnalysis(server.url, datasets.seattle, params);
    expect(again).toMatchObject({ id: first.id, existing: true, status: 200 });
  });

  it('neighbours in feature space: the nearest of a point is itself excluded and distances grow', async () => {
    const { id } = await postAnalysis(server.url, datasets.iris, { reduction: { method: 'pca' } });
    await waitForAnalysis(server.url, id);
    const response = await ownerFetch(`${server.url}/api/analyses/${id}/neighbors?point=0&k=5`);
    const body = (await response.json()) as { neighbors: { point: number; distance: number }[] };
    expect(body.neighbors).toHaveLength(5);
    expect(body.neighbors.map((n) => n.point)).not.toContain(0);
    const d = body.neighbors.map((n) => n.distance);
    expect([...d].sort((a, b) => a - b)).toEqual(d);
    expect((await ownerFetch(`${server.url}/api/analyses/${id}/neighbors?point=999&k=5`)).status).toBe(400);
  });

  it('cancels a running analysis', async () => {
    const { id } = await postAnalysis(server.url, datasets.seattle, { reduction: { method: 'tsne' }, seed: 99 });
    const cancelled = await ownerFetch(`${server.url}/api/analyses/${id}`, { method: 'DELETE' });
    expect(((await cancelled.json()) as { cancelled: boolean }).cancelled).toBe(true);
    const after = (await (await ownerFetch(`${server.url}/api/analyses/${id}`)).json()) as AnalysisDescription;
    expect(after.status).toBe('cancelled');
    expect((await ownerFetch(`${server.url}/api/analyses/${id}/positions.bin`)).status).toBe(409);
  });

  it('the same request right after a cancel starts again instead of joining the job being cancelled', async () => {
    const params = analysisParamsSchema.parse({ reduction: { method: 'tsne' }, seed: 98 });
    const { analysis } = await server.deps.jobs.submit(datasets.seattle, params);
    await waitFor(() => server.deps.jobs.describe(analysis.id).status === 'running', 30_000, 'the job to run');
    // Both in one tick, as a client that cancels and re-runs at once: the cancel is under way.
    const cancel = server.deps.jobs.cancel(analysis.id);
    const again = server.deps.jobs.submit(datasets.seattle, params);
    await expect(cancel).resolves.toBe(true);
    const resubmitted = await again;
    expect(resubmitted.existing).toBe(false);
    expect(resubmitted.analysis.id).toBe(analysis.id);
    expect(['queued', 'running']).toContain(server.deps.jobs.describe(analysis.id).status);
    await server.deps.jobs.cancel(analysis.id);
  });

  it('queues beyond the concurrency limit and reports the place in the queue', async () => {
    const slow = await postAnalysis(server.url, datasets.seattle, { reduction: { method: 'tsne' }, seed: 1234 });
    const next = await postAnalysis(server.url, datasets.iris, { reduction: { method: 'pca' }, seed: 1234 });
    const queued = (await (await ownerFetch(`${server.url}/api/analyses/${next.id}`)).json()) as AnalysisDescription;
    expect(queued.status).toBe('queued');
    expect(queued.progress.place).toBe(1);
    await ownerFetch(`${server.url}/api/analyses/${slow.id}`, { method: 'DELETE' });
    expect((await waitForAnalysis(server.url, next.id)).status).toBe('done');
  });

  it('survives deleting a dataset while its analyses are starting, running or saving', async () => {
    // Big enough that reading the table takes a while, so deletes land in every phase.
    const csv = mixtureToCsv(generateMixture({ rows: 40_000, seed: 4 }));
    for (const delayMs of [0, 2, 10, 40, 200, 700]) {
      const dataset = (await (await uploadText(server.url, csv, CONTENT_TYPES.csv)).json()) as { id: string };
      const { id } = await postAnalysis(server.url, dataset.id, { reduction: { method: 'umap' }, seed: delayMs });
      await new Promise((r) => setTimeout(r, delayMs));
      expect((await ownerFetch(`${server.url}/api/datasets/${dataset.id}`, { method: 'DELETE' })).status).toBe(204);
      expect((await ownerFetch(`${server.url}/api/analyses/${id}`)).status).toBe(404);
    }
    // Still serving, and the queue still runs analyses.
    expect((await ownerFetch(`${server.url}/api/health`)).status).toBe(200);
    const { id } = await postAnalysis(server.url, datasets.iris, { reduction: { method: 'pca' }, seed: 77 });
    expect((await waitForAnalysis(server.url, id)).status).toBe('done');
  });

  it('rejects bad analysis requests with documented errors', async () => {
    const url = `${server.url}/api/datasets/${datasets.iris}/analyses`;
    const cases: [Response, number, string][] = [
      [await postJson(url, { reduction: { method: 'magic' } }), 400, 'invalid_request'],
      [await postJson(url, { clustering: { method: 'kmeans', k: 1 } }), 400, 'invalid_request'],
      [await postJson(url, { features: ['nope'] }), 400, 'unknown_column'],
      [await postJson(url, { surprise: true }), 400, 'invalid_request'],
      [await ownerFetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }), 400, 'malformed_json'],
      [await ownerFetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' }), 415, 'unsupported_media_type'],
      [await postJson(`${server.url}/api/datasets/unknownDataset/analyses`, {}), 404, 'not_found'],
      [await ownerFetch(`${server.url}/api/analyses/unknownAnalysis`), 404, 'not_found'],
      [await ownerFetch(`${server.url}/api/datasets/unknownDataset/analyses`), 404, 'not_found'],
    ];
    for (const [response, status, code] of cases) expect({ status: response.status, code: await errorCode(response) }).toEqual({ status, code });
  });
});
