import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisDescription, DatasetDescription } from '../../../shared/api-types.ts';
import { postAnalysis } from '../../support/analysis-client.ts';
import { waitFor } from '../../support/collab-harness.ts';
import { ownerFetch, postJson, uploadAsset } from '../../support/http.ts';
import { REDIS_MISSING, startRedisServer, type RedisServer } from '../../support/redis-server.ts';
import { removeDir, startServerChild, tempDataDir, type ServerChild } from '../../support/server-process.ts';

if (REDIS_MISSING) console.warn(`tests/integration/scaleout: ${REDIS_MISSING}`);

describe.skipIf(REDIS_MISSING !== null)('two API processes on one DATA_DIR, coordinated through one redis-server', () => {
  let redis: RedisServer;
  let dataDir: string;
  let a: ServerChild;
  let b: ServerChild;

  beforeAll(async () => {
    redis = await startRedisServer();
    dataDir = await tempDataDir();
    [a, b] = await Promise.all([startServerChild(dataDir, { REDIS_URL: redis.url }), startServerChild(dataDir, { REDIS_URL: redis.url })]);
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await redis?.stop();
    if (dataDir) await removeDir(dataDir);
  });

  it('each serves a dataset imported through the other, and forgets one the other deleted', async () => {
    const viaA = await uploadAsset(a.url, 'iris');
    const viaB = await uploadAsset(b.url, 'penguins');
    const onB = await ownerFetch(`${b.url}/api/datasets/${viaA.id}`);
    expect(onB.status).toBe(200);
    expect(((await onB.json()) as DatasetDescription).rowCount).toBe(viaA.rowCount);
    const rowsOnA = await ownerFetch(`${a.url}/api/datasets/${viaB.id}/rows?offset=0&limit=2`);
    expect(rowsOnA.status).toBe(200);
    // A listing holds what this process never asked for: the store events bring it (within moments).
    const listed = async (url: string) => ((await (await ownerFetch(`${url}/api/datasets`)).json()) as { datasets: DatasetDescription[] }).datasets.map((d) => d.id);
    const unseen = await uploadAsset(b.url, 'cars');
    await waitFor(async () => (await listed(a.url)).includes(unseen.id), 10_000, 'the listing on the other process');
    expect((await listed(a.url)).sort()).toEqual([viaA.id, viaB.id, unseen.id].sort());
    expect((await ownerFetch(`${a.url}/api/datasets/${viaB.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await ownerFetch(`${b.url}/api/datasets/${viaB.id}`)).status).toBe(404);
  });

  it('makes the same analysis request on both processes one analysis (one job), queued for the workers in order', async () => {
    const dataset = await uploadAsset(a.url, 'seattle');
    const params = { reduction: { method: 'pca' as const }, clustering: { method: 'kmeans' as const, k: 4 } };
    const [first, second] = await Promise.all([postAnalysis(a.url, dataset.id, params), postAnalysis(b.url, dataset.id, params)]);
    expect(second.id).toBe(first.id);
    // No worker runs here: they wait, in the order they were asked for, as both processes say.
    const later = await postAnalysis(b.url, dataset.id, { ...params, clustering: { method: 'kmeans', k: 5 } });
    const place = async (url: string, id: string) => ((await (await ownerFetch(`${url}/api/analyses/${id}`)).json()) as AnalysisDescription).progress.place;
    for (const server of [a, b]) {
      await waitFor(async () => (await place(server.url, first.id)) === 1 && (await place(server.url, later.id)) === 2, 10_000, 'both places');
      const described = (await (await ownerFetch(`${server.url}/api/analyses/${first.id}`)).json()) as AnalysisDescription;
      expect(described.status).toBe('queued');
    }
  });

  it('opens a session created on one process with its view link on the other', async () => {
    const dataset = await uploadAsset(b.url, 'penguins');
    const created = await postJson(`${a.url}/api/sessions`, { datasetId: dataset.id, title: 'shared' });
    expect(created.status).toBe(201);
    const session = (await created.json()) as { id: string; viewToken: string };
    const opened = await fetch(`${b.url}/api/sessions/${session.id}?token=${session.viewToken}`);
    expect(opened.status).toBe(200);
    expect(((await opened.json()) as { role: string }).role).toBe('view');
  });

  it('keeps a server without REDIS_URL off the shared folder, with a sentence saying why', async () => {
    const refused = await startServerChild(dataDir).then(
      async (child) => (await child.stop(), 'started'),
      (error: Error) => error.message,
    );
    expect(refused).toMatch(/shared by Data Mirage processes coordinated through Redis/);
  });
});
