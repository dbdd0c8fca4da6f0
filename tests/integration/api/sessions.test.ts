import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PointsJson, SessionCreated, SessionDescription } from '../../../shared/api-types.ts';
import { addAnnotation, displayedClusterIds, mapClusterIds, onSessionChange, readAnnotations, readClusterIds, readMeta, readPendingAnalysis, readView, setEncoding } from '../../../shared/session/index.ts';
import { matchClusterIds } from '../../../shared/identity/match-clusters.ts';
import type { RunningServer } from '../../../server/server.ts';
import { connectClient, rawConnect, waitFor, whenSynced, type TestClient } from '../../support/collab-harness.ts';
import { postAnalysis, waitForAnalysis } from '../../support/analysis-client.ts';
import { CONTENT_TYPES, errorCode, ownerFetch, postJson, uploadAsset, uploadText } from '../../support/http.ts';
import { generateMixture, mixtureToCsv } from '../../support/synthetic.ts';
import { removeDir, startTestServer, tempDataDir, TEST_OWNER_TOKEN } from '../../support/server-process.ts';

let server: RunningServer;
let dataDir: string;
let datasetId: string;
const clients: TestClient[] = [];

beforeAll(async () => {
  dataDir = await tempDataDir();
  server = await startTestServer(dataDir);
  datasetId = (await uploadAsset(server.url, 'iris')).id;
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.close();
  await removeDir(dataDir);
});

const wsBase = () => server.url.replace('http', 'ws') + '/yjs';
function client(sessionId: string, token: string): TestClient {
  const c = connectClient(wsBase(), sessionId, token);
  clients.push(c);
  return c;
}

/**
 * POST on a connection of its own (the server answers 413 before reading the whole body and
 * closes it; a pooled connection would then fail the next test's request).
 */
function rawPost(url: string, body: string, declareLength: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'content-type': 'application/json', authorization: `Bearer ${TEST_OWNER_TOKEN}` };
    if (declareLength) headers['content-length'] = Buffer.byteLength(body);
    const req = request(url, { method: 'POST', agent: false, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function createSession(title = 'Iris workshop'): Promise<SessionCreated> {
  const response = await postJson(`${server.url}/api/sessions`, { datasetId, title });
  expect(response.status).toBe(201);
  return (await response.json()) as SessionCreated;
}

describe('sessions over HTTP', () => {
  it('creates a session whose tokens give edit and view roles', async () => {
    const s = await createSession();
    const get = (token: string) => fetch(`${server.url}/api/sessions/${s.id}?token=${token}`);
    const asEditor = (await (await get(s.editToken)).json()) as SessionDescription;
    expect(asEditor).toMatchObject({ role: 'edit', viewToken: s.viewToken });
    const asViewer = (await (await get(s.viewToken)).json()) as SessionDescription;
    expect(asViewer.role).toBe('view');
    // A viewer learns no token it was not given.
    expect(JSON.stringify(asViewer)).not.toContain(s.editToken);
    expect(asViewer.viewToken).toBeUndefined();
    const wrong = await get('not-the-token');
    expect(wrong.status).toBe(401);
    expect(await errorCode(wrong)).toBe('invalid_token');
    // Another session's token opens nothing here.
    const other = await createSession('Another workshop');
    const foreign = await get(other.editToken);
    expect(foreign.status).toBe(403);
    expect(await errorCode(foreign)).toBe('forbidden');
    expect((await ownerFetch(`${server.url}/api/sessions/unknownSession1`)).status).toBe(404);
  });

  it('rejects bad session requests with their documented errors', async () => {
    expect((await postJson(`${server.url}/api/sessions`, { datasetId: 'unknownDataset' })).status).toBe(404);
    const malformed = await ownerFetch(`${server.url}/api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"datasetId": ' });
    expect(malformed.status).toBe(400);
    expect(await errorCode(malformed)).toBe('malformed_json');
    const extra = await postJson(`${server.url}/api/sessions`, { datasetId, admin: true });
    expect(extra.status).toBe(400);
    const wrongType = await ownerFetch(`${server.url}/api/sessions`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(wrongType.status).toBe(415);
    // A huge JSON body is refused once 1 MB has arrived, declared or streamed (chunked).
    const huge = `{"title": "${'x'.repeat(3 * 2 ** 20)}"}`;
    expect(await rawPost(`${server.url}/api/sessions`, huge, true)).toBe(413);
    expect(await rawPost(`${server.url}/api/sessions`, huge, false)).toBe(413);
  });
});

describe('live sessions over the Yjs WebSocket', () => {
  it('syncs editors, keeps viewers read-only, and survives a restart', async () => {
    const s = await createSession('Live');
    const alice = client(s.id, s.editToken);
    const bob = client(s.id, s.editToken);
    const viewer = client(s.id, s.viewToken);
    await Promise.all([whenSynced(alice), whenSynced(bob), whenSynced(viewer)]);
    // The server wrote the initial document: every participant sees the binding.
    expect(readMeta(viewer.doc)).toMatchObject({ datasetId, title: 'Live' });

    setEncoding(alice.doc, 'color', { by: 'column', column: 'species' }, 'alice');
    await waitFor(() => readView(bob.doc).color.by === 'column', 5000, 'bob to see the colour change');
    await waitFor(() => readView(viewer.doc).color.by === 'column', 5000, 'viewer to see the colour change');

    // A viewer's local write stays local: never relayed, never stored. Its presence, sent on the
    // same socket right after the note, is relayed (awareness flows both ways, the viewer's
    // included): once alice sees it the server has read the note, and bob's note, sent after
    // that, would reach alice behind the viewer's had the viewer's been accepted.
    addAnnotation(viewer.doc, { rowIndex: 3, text: 'viewer note', author: 'viewer', color: '#ff0000' });
    viewer.provider.awareness.setLocalStateField('name', 'Vera');
    alice.provider.awareness.setLocalStateField('name', 'Alice');
    await waitFor(() => [...alice.provider.awareness.getStates().values()].some((st) => st.name === 'Vera'), 5000, 'viewer presence');
    await waitFor(() => [...viewer.provider.awareness.getStates().values()].some((st) => st.name === 'Alice'), 5000, 'editor presence');
    addAnnotation(bob.doc, { rowIndex: 5, text: 'bob note', author: 'bob', color: '#00ff00' });
    await waitFor(() => readAnnotations(alice.doc).some((a) => a.text === 'bob note'), 5000, 'alice to see bob note');
    expect(readAnnotations(alice.doc).map((a) => a.text)).toEqual(['bob note']);

    for (const c of clients.splice(0)) c.destroy();
    await server.close();
    server = await startTestServer(dataDir);
    const later = client(s.id, s.viewToken);
    await whenSynced(later);
    expect(readView(later.doc).color).toMatchObject({ by: 'column', column: 'species' });
    expect(readAnnotations(later.doc).map((a) => a.text)).toEqual(['bob note']);
  });

  it('re-binds a session to a newer analysis of its dataset (editors only) and every client sees it', async () => {
    const first = await postAnalysis(server.url, datasetId, { reduction: { method: 'pca' }, seed: 1 });
    const second = await postAnalysis(server.url, datasetId, { reduction: { method: 'pca' }, seed: 2 });
    await waitForAnalysis(server.url, first.id);
    await waitForAnalysis(server.url, second.id);
    const s = (await (await postJson(`${server.url}/api/sessions`, { datasetId, analysisId: first.id })).json()) as SessionCreated;
    const watcher = client(s.id, s.viewToken);
    await whenSynced(watcher);
    expect(readMeta(watcher.doc).analysisId).toBe(first.id);
    const put = (token: string, analysisId: string) =>
      postJson(`${server.url}/api/sessions/${s.id}/analysis`, { analysisId }, 'PUT', { authorization: `Bearer ${token}` });
    expect((await put(s.viewToken, second.id)).status).toBe(403);
    const other = (await uploadAsset(server.url, 'penguins')).id;
    const foreign = await postAnalysis(server.url, other, { reduction: { method: 'pca' } });
    expect((await put(s.editToken, foreign.id)).status).toBe(400);
    const unfinished = await postAnalysis(server.url, datasetId, { reduction: { method: 'tsne' }, seed: 3 });
    await ownerFetch(`${server.url}/api/analyses/${unfinished.id}`, { method: 'DELETE' });
    const notReady = await put(s.editToken, unfinished.id);
    expect(notReady.status).toBe(409);
    expect(await errorCode(notReady)).toBe('analysis_not_ready');
    expect((await postJson(`${server.url}/api/sessions/unknownSession1/analysis`, { analysisId: second.id }, 'PUT')).status).toBe(404);
    expect((await put(s.editToken, second.id)).status).toBe(200);
    await waitFor(() => readMeta(watcher.doc).analysisId === second.id, 5000, 'the re-bind to reach the viewer');
    const described = (await (await fetch(`${server.url}/api/sessions/${s.id}?token=${s.viewToken}`)).json()) as SessionDescription;
    expect(described.analysisId).toBe(second.id);
  });

  it('a re-bind keeps the numbers of the clusters both analyses share, in the same update as the new analysis, for later joiners and after a restart', async () => {
    const penguins = (await uploadAsset(server.url, 'penguins')).id;
    const kmeans = await postAnalysis(server.url, penguins, { clustering: { method: 'kmeans', k: 2 } });
    const hdbscan = await postAnalysis(server.url, penguins, { clustering: { method: 'hdbscan' } });
    await waitForAnalysis(server.url, kmeans.id);
    await waitForAnalysis(server.url, hdbscan.id);
    const points = async (id: string) => (await (await ownerFetch(`${server.url}/api/analyses/${id}/points.json`)).json()) as PointsJson;
    const [a, b] = [await points(kmeans.id), await points(hdbscan.id)];
    const s = (await (await postJson(`${server.url}/api/sessions`, { datasetId: penguins, analysisId: kmeans.id })).json()) as SessionCreated;
    const watcher = client(s.id, s.viewToken);
    await whenSynced(watcher);
    expect(readClusterIds(watcher.doc)).toBeNull();
    // Whenever the watcher sees the new analysis, it already has its numbers.
    const seen: (string | null)[] = [];
    onSessionChange(watcher.doc, () => {
      const meta = readMeta(watcher.doc);
      if (meta.analysisId !== kmeans.id) seen.push(readClusterIds(watcher.doc)?.analysisId ?? null);
    });
    const put = (analysisId: string) => postJson(`${server.url}/api/sessions/${s.id}/analysis`, { analysisId }, 'PUT', { authorization: `Bearer ${s.editToken}` });
    expect((await put(hdbscan.id)).status).toBe(200);
    await waitFor(() => readMeta(watcher.doc).analysisId === hdbscan.id, 5000, 'the re-bind');
    expect(seen.every((id) => id === hdbscan.id)).toBe(true);
    const expected = matchClusterIds(a, b);
    const stored = readClusterIds(watcher.doc)!;
    expect(new Map(stored.shown)).toEqual(expected);
    // k-means' raw ids are what it showed; HDBSCAN's are not all what it shows (raw 0 is mostly k-means' 1).
    expect([...expected].some(([raw, id]) => raw !== id)).toBe(true);

    // Back to k-means: matched against the numbers HDBSCAN was shown with, so both groups get theirs back.
    expect((await put(kmeans.id)).status).toBe(200);
    await waitFor(() => readMeta(watcher.doc).analysisId === kmeans.id, 5000, 'the re-bind back');
    const back = displayedClusterIds(readClusterIds(watcher.doc), kmeans.id, a.cluster);
    expect([...back]).toEqual([
      [0, 0],
      [1, 1],
    ]);
    // Re-binding to the analysis already shown changes no number.
    expect((await put(kmeans.id)).status).toBe(200);
    expect(new Map(readClusterIds(watcher.doc)!.shown)).toEqual(back);

    expect((await put(hdbscan.id)).status).toBe(200);
    await waitFor(() => readMeta(watcher.doc).analysisId === hdbscan.id, 5000, 'the third re-bind');
    const third = new Map(readClusterIds(watcher.doc)!.shown);
    expect(third).toEqual(matchClusterIds({ rowIndex: a.rowIndex, cluster: mapClusterIds(a.cluster, back) }, b));
    for (const c of clients.splice(0)) c.destroy();
    await server.close();
    server = await startTestServer(dataDir);
    const later = client(s.id, s.viewToken);
    await whenSynced(later);
    expect(readClusterIds(later.doc)?.analysisId).toBe(hdbscan.id);
    expect(new Map(readClusterIds(later.doc)!.shown)).toEqual(third);
  });

  it('a session moves to a running analysis when it is done (pending meanwhile, also across a restart); a cancelled one stays pending with why', async () => {
    // Big enough that UMAP is still running when the PUT arrives (a few seconds), small enough to stay cheap.
    const upload = await uploadText(server.url, mixtureToCsv(generateMixture({ rows: 3000, clusters: 4, seed: 13 })), CONTENT_TYPES.csv, 'pending.csv');
    const mixture = ((await upload.json()) as { id: string }).id;
    const first = await postAnalysis(server.url, mixture, { reduction: { method: 'pca' } });
    await waitForAnalysis(server.url, first.id);
    const s = (await (await postJson(`${server.url}/api/sessions`, { datasetId: mixture, analysisId: first.id })).json()) as SessionCreated;
    const put = (token: string, analysisId: string) =>
      postJson(`${server.url}/api/sessions/${s.id}/analysis`, { analysisId }, 'PUT', { authorization: `Bearer ${token}` });
    const watcher = client(s.id, s.viewToken);
    await whenSynced(watcher);

    const umapRun = await postAnalysis(server.url, mixture, { reduction: { method: 'umap', nEpochs: 150 }, seed: 5 });
    expect((await put(s.viewToken, umapRun.id)).status).toBe(403);
    const accepted = await put(s.editToken, umapRun.id);
    expect(accepted.status).toBe(202);
    expect(await accepted.json()).toEqual({ id: s.id, analysisId: first.id, pendingAnalysisId: umapRun.id });
    await waitFor(() => readPendingAnalysis(watcher.doc)?.analysisId === umapRun.id, 5000, 'the pending analysis to reach the viewer');
    expect(readPendingAnalysis(watcher.doc)?.state).toBe('running');
    expect(readMeta(watcher.doc).analysisId).toBe(first.id);
    // The view link may follow it (its events) before the session shows it.
    expect((await fetch(`${server.url}/api/analyses/${umapRun.id}?token=${s.viewToken}`)).status).toBe(200);

    // A restart in the middle: the queue resumes the analysis, the session goes on waiting for it.
    for (const c of clients.splice(0)) c.destroy();
    await server.close();
    server = await startTestServer(dataDir);
    const later = client(s.id, s.viewToken);
    await whenSynced(later);
    await waitFor(() => readMeta(later.doc).analysisId === umapRun.id, 60_000, 'the session to move to the finished analysis');
    expect(readPendingAnalysis(later.doc)).toBeNull();
    // The record follows the document (written first, as on any re-bind).
    const recorded = async () => ((await (await fetch(`${server.url}/api/sessions/${s.id}?token=${s.viewToken}`)).json()) as SessionDescription).analysisId;
    await waitFor(async () => (await recorded()) === umapRun.id, 5000, 'the session record to follow');

    const tsneRun = await postAnalysis(server.url, mixture, { reduction: { method: 'tsne' }, seed: 6 });
    expect((await put(s.editToken, tsneRun.id)).status).toBe(202);
    await ownerFetch(`${server.url}/api/analyses/${tsneRun.id}`, { method: 'DELETE' });
    await waitFor(() => readPendingAnalysis(later.doc)?.state === 'cancelled', 5000, 'the cancellation to reach the viewer');
    expect(readPendingAnalysis(later.doc)).toMatchObject({ analysisId: tsneRun.id, message: 'The analysis was cancelled.' });
    expect(readMeta(later.doc).analysisId).toBe(umapRun.id);
    // A cancelled analysis is no place to move to.
    expect(await errorCode(await put(s.editToken, tsneRun.id))).toBe('analysis_not_ready');
  });

  it('refuses a missing or wrong token before sending any document data', async () => {
    const s = await createSession();
    for (const query of ['', '?token=wrong', `?token=${s.editToken}x`]) {
      const outcome = await rawConnect(`${wsBase()}/${s.id}${query}`);
      expect(outcome.messages).toBe(0);
      expect(outcome.httpStatus ?? outcome.closeCode).not.toBeNull();
    }
    const traversal = await rawConnect(`${wsBase()}/..%2F..%2Fdatasets?token=${s.editToken}`);
    expect(traversal.messages).toBe(0);
  });
});
