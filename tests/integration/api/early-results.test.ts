import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisEvent } from '../../../shared/api-types.ts';
import { analysisParamsSchema } from '../../../shared/analysis-params.ts';
import { decodeBuffer } from '../../../shared/binary.ts';
import type { RunningServer } from '../../../server/server.ts';
import { collectEvents, postAnalysis } from '../../support/analysis-client.ts';
import { waitFor } from '../../support/collab-harness.ts';
import { ownerFetch, uploadAsset } from '../../support/http.ts';
import { removeDir, startTestServer, tempDataDir } from '../../support/server-process.ts';

/**
 * Clusters and anomalies stream as soon as their stage ends (issue 13): the events come in stage
 * order (rows, layouts, clusters, anomalies, done), each once, hold exactly the stored arrays,
 * and a subscriber that joins late gets them replayed in the same order.
 */
let server: RunningServer;
let dataDir: string;
let seattle: string;

beforeAll(async () => {
  dataDir = await tempDataDir();
  server = await startTestServer(dataDir);
  seattle = (await uploadAsset(server.url, 'seattle')).id;
});
afterAll(async () => {
  await server.close();
  await removeDir(dataDir);
});

const decode = (base64: string) => decodeBuffer(Buffer.from(base64, 'base64'));

async function stored(analysisId: string, route: string) {
  const response = await ownerFetch(`${server.url}/api/analyses/${analysisId}/${route}.bin`);
  expect(response.status).toBe(200);
  return Array.from(decodeBuffer(await response.arrayBuffer()).data);
}

/** The kinds of the events in order, progress left out and a run of one kind (the layouts) as one. */
const order = (events: AnalysisEvent[]): string[] =>
  events.map((e) => e.type).filter((t) => t !== 'progress').filter((t, i, all) => t !== all[i - 1]);

describe('early clusters and anomalies', () => {
  it('arrive in stage order, once each, equal to the stored cluster and anomaly arrays', async () => {
    const { id } = await postAnalysis(server.url, seattle, { reduction: { method: 'umap', nEpochs: 60 }, clustering: { method: 'kmeans' }, seed: 71 });
    const events = await collectEvents(server.url, id);
    expect(order(events)).toEqual(['rows', 'layout', 'clusters', 'anomalies', 'done']);
    const clusters = events.filter((e) => e.type === 'clusters');
    const anomalies = events.filter((e) => e.type === 'anomalies');
    expect(clusters).toHaveLength(1);
    expect(anomalies).toHaveLength(1);
    // Nothing of the layout comes after the clusters: the reduction was over.
    expect(events.findLastIndex((e) => e.type === 'layout')).toBeLessThan(events.findIndex((e) => e.type === 'clusters'));
    // While the anomalies and explanations are computed, the stage moves on after each.
    const stageAfter = (type: string) => events.slice(events.findIndex((e) => e.type === type)).find((e) => e.type === 'progress');
    expect(stageAfter('clusters')).toMatchObject({ progress: { stage: 'anomalies' } });
    expect(stageAfter('anomalies')).toMatchObject({ progress: { stage: 'explain' } });

    const c = clusters[0].type === 'clusters' ? decode(clusters[0].cluster) : null;
    const a = anomalies[0].type === 'anomalies' ? anomalies[0] : null;
    expect(c!.data).toBeInstanceOf(Int32Array);
    expect(Array.from(c!.data)).toEqual(await stored(id, 'cluster'));
    const scores = decode(a!.anomaly);
    const flags = decode(a!.anomalyFlag);
    expect(scores.data).toBeInstanceOf(Float32Array);
    expect(flags.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(scores.data)).toEqual(await stored(id, 'anomaly'));
    expect(Array.from(flags.data)).toEqual(await stored(id, 'anomaly-flag'));
    // Real clusters and real flags, not placeholders: k-means found groups and some days are flagged.
    expect(new Set(c!.data).size).toBeGreaterThan(1);
    expect(Array.from(flags.data).filter((f) => f === 1).length).toBeGreaterThan(0);
  });

  it('a PCA run (no intermediate layouts) still sends its clusters and anomalies before the end', async () => {
    const { id } = await postAnalysis(server.url, seattle, { reduction: { method: 'pca' }, clustering: { method: 'hdbscan' }, seed: 72 });
    const events = await collectEvents(server.url, id);
    expect(order(events)).toEqual(['rows', 'clusters', 'anomalies', 'done']);
    const clusters = events.find((e) => e.type === 'clusters');
    expect(clusters?.type === 'clusters' && Array.from(decode(clusters.cluster).data)).toEqual(await stored(id, 'cluster'));
  });

  it('a subscriber that joins after the clusters gets rows, the latest layout and the clusters replayed, in order', async () => {
    const params = analysisParamsSchema.parse({ reduction: { method: 'umap', nEpochs: 60 }, clustering: { method: 'kmeans' }, seed: 73 });
    const { analysis } = await server.deps.jobs.submit(seattle, params);
    const first: AnalysisEvent[] = [];
    const late: AnalysisEvent[] = [];
    let stopLate: (() => void) | null = null;
    const stopFirst = server.deps.jobs.subscribe(analysis.id, (event) => {
      first.push(event);
      // Joins on the next turn, as an SSE request arriving then would.
      if (event.type === 'clusters') setImmediate(() => (stopLate = server.deps.jobs.subscribe(analysis.id, (e) => late.push(e))));
    });
    await waitFor(() => late.some((e) => e.type === 'done'), 60_000, 'the late subscriber to see the end');
    stopFirst();
    stopLate!();
    const replay = late.filter((e) => e.type !== 'progress');
    expect(replay.slice(0, 3).map((e) => e.type)).toEqual(['rows', 'layout', 'clusters']);
    expect(order(late).at(-1)).toBe('done');
    expect(late.filter((e) => e.type === 'clusters')).toHaveLength(1);
    expect(late.filter((e) => e.type === 'anomalies')).toHaveLength(1);
    // The very same event objects as the first subscriber's (each encoded once for every stream).
    expect(late.find((e) => e.type === 'clusters')).toBe(first.find((e) => e.type === 'clusters'));
    expect(late.find((e) => e.type === 'layout')).toBe(first.filter((e) => e.type === 'layout').at(-1));
  });
});
