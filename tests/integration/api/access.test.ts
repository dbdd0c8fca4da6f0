import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { SessionCreated } from '../../../shared/api-types.ts';
import { createApp } from '../../../server/api/app.ts';
import type { RunningServer } from '../../../server/server.ts';
import { readMeta } from '../../../shared/session/index.ts';
import { postAnalysis, waitForAnalysis } from '../../support/analysis-client.ts';
import { connectClient, waitFor, whenSynced } from '../../support/collab-harness.ts';
import { CONTENT_TYPES, postJson, uploadAsset, uploadText } from '../../support/http.ts';
import { generateMixture, mixtureToCsv } from '../../support/synthetic.ts';
import { removeDir, startTestServer, tempDataDir, TEST_OWNER_TOKEN } from '../../support/server-process.ts';

/**
 * Issue 15's proof: every route of the API table, asked by six kinds of caller, answers the status
 * written in ROUTES. A route the app serves that is missing here fails the test: new routes must
 * be classified. Callers: no token, a wrong token, a view token of another session, a view
 * token of this session, an edit token of this session, the owner token.
 */
const CALLERS = ['none', 'wrong', 'otherView', 'view', 'edit', 'owner'] as const;
type Caller = (typeof CALLERS)[number];
type Expect = Record<Caller, number>;

const all = (status: number): Expect => ({ none: status, wrong: status, otherView: status, view: status, edit: status, owner: status });
/** Only the owner: the workspace (lists, uploads, deletion, new sessions, demos). */
const ownerOnly = (ok: number): Expect => ({ none: 401, wrong: 401, otherView: 403, view: 403, edit: 403, owner: ok });
/** This session's dataset or analyses: either of its tokens and the owner; another session's token not. */
const sessionReads = (ok: number): Expect => ({ none: 401, wrong: 401, otherView: 403, view: ok, edit: ok, owner: ok });
/** Changes within this session's dataset: its edit token and the owner. */
const sessionWrites = (ok: number): Expect => ({ none: 401, wrong: 401, otherView: 403, view: 403, edit: ok, owner: ok });

interface World {
  datasetId: string;
  analysisId: string;
  session: SessionCreated;
  other: SessionCreated;
  otherDatasetId: string;
}

interface Probe {
  method: string;
  path: (w: World) => string;
  body?: (w: World) => { type: string; data: string };
  expect: Expect;
}

const json = (value: unknown) => ({ type: 'application/json', data: JSON.stringify(value) });
const PCA = { reduction: { method: 'pca' } } as const;
const GIF_FORM = {
  type: 'multipart/form-data; boundary=walkb',
  data: '--walkb\r\nContent-Disposition: form-data; name="file"; filename="walk.gif"\r\nContent-Type: image/gif\r\n\r\nGIF89a walk\r\n--walkb--\r\n',
};

/** Keys: `${method} ${route path}` exactly as Hono registers them. Destructive routes last. */
const ROUTES: Record<string, Probe> = {
  'GET /api/health': { method: 'GET', path: () => '/api/health', expect: all(200) },
  'GET /api/datasets': { method: 'GET', path: () => '/api/datasets', expect: ownerOnly(200) },
  'POST /api/datasets': { method: 'POST', path: () => '/api/datasets?name=walk', body: () => ({ type: 'text/csv', data: 'a,b\n1,2\n3,4\n' }), expect: ownerOnly(201) },
  'GET /api/datasets/:id': { method: 'GET', path: (w) => `/api/datasets/${w.datasetId}`, expect: sessionReads(200) },
  'GET /api/datasets/:id/rows': { method: 'GET', path: (w) => `/api/datasets/${w.datasetId}/rows?limit=5`, expect: sessionReads(200) },
  'GET /api/datasets/:id/columns/:name': { method: 'GET', path: (w) => `/api/datasets/${w.datasetId}/columns/species`, expect: sessionReads(200) },
  // A GIF's signature is ASCII, so this multipart body can travel as a string; the POST runs first (owner last), the GET reads what it stored.
  'POST /api/datasets/:id/images': { method: 'POST', path: (w) => `/api/datasets/${w.datasetId}/images`, body: () => GIF_FORM, expect: ownerOnly(201) },
  'GET /api/datasets/:id/images/:name': { method: 'GET', path: (w) => `/api/datasets/${w.datasetId}/images/walk.gif`, expect: sessionReads(200) },
  'GET /api/datasets/:id/analyses': { method: 'GET', path: (w) => `/api/datasets/${w.datasetId}/analyses`, expect: sessionReads(200) },
  // The same parameters answer the existing analysis (200): nothing new is queued by the walk.
  'POST /api/datasets/:id/analyses': { method: 'POST', path: (w) => `/api/datasets/${w.datasetId}/analyses`, body: () => json(PCA), expect: sessionWrites(200) },
  'GET /api/datasets/:id/quality': { method: 'GET', path: (w) => `/api/datasets/${w.datasetId}/quality`, expect: sessionReads(200) },
  'POST /api/datasets/:id/rules': { method: 'POST', path: (w) => `/api/datasets/${w.datasetId}/rules`, body: () => json({ kind: 'not-null', column: 'species' }), expect: sessionWrites(201) },
  // An unknown rule id: whoever may delete rules gets the handler's 404, everyone else the guard's refusal first.
  'DELETE /api/datasets/:id/rules/:ruleId': { method: 'DELETE', path: (w) => `/api/datasets/${w.datasetId}/rules/no-such-rule`, expect: sessionWrites(404) },
  // The walk's table (iris) has no dates: the owner passes the guard and gets the handler's 400, everyone else the guard's refusal first.
  'POST /api/datasets/:id/rfm': { method: 'POST', path: (w) => `/api/datasets/${w.datasetId}/rfm`, body: () => json({ customer: 'species', date: 'sepal_length', amount: 'petal_width' }), expect: ownerOnly(400) },
  // Drift needs the right to read both datasets: a session token reads one of them at most. Iris and
  // penguins share no column, so the owner, past the guard, gets the handler's 400.
  'GET /api/datasets/:id/drift': { method: 'GET', path: (w) => `/api/datasets/${w.datasetId}/drift?against=${w.otherDatasetId}`, expect: { ...ownerOnly(400) } },
  // A comparison creates a dataset: the workspace's owner only.
  'POST /api/datasets/:id/comparisons': { method: 'POST', path: (w) => `/api/datasets/${w.datasetId}/comparisons`, body: (w) => json({ against: w.otherDatasetId }), expect: ownerOnly(400) },
  'GET /api/analyses/:id': { method: 'GET', path: (w) => `/api/analyses/${w.analysisId}`, expect: sessionReads(200) },
  'GET /api/analyses/:id/points.json': { method: 'GET', path: (w) => `/api/analyses/${w.analysisId}/points.json`, expect: sessionReads(200) },
  'GET /api/analyses/:id/:file{[a-z-]+\\.bin}': { method: 'GET', path: (w) => `/api/analyses/${w.analysisId}/positions.bin`, expect: sessionReads(200) },
  'GET /api/analyses/:id/neighbors': { method: 'GET', path: (w) => `/api/analyses/${w.analysisId}/neighbors?point=0&k=3`, expect: sessionReads(200) },
  // Asking changes nothing: a view token may ask.
  'POST /api/analyses/:id/ask': { method: 'POST', path: (w) => `/api/analyses/${w.analysisId}/ask`, body: () => json({ question: 'how many rows are there?' }), expect: sessionReads(200) },
  // Rules change nothing: a view token may ask for them.
  'POST /api/analyses/:id/co-occurrences': { method: 'POST', path: (w) => `/api/analyses/${w.analysisId}/co-occurrences`, body: () => json({ group: { kind: 'all' } }), expect: sessionReads(200) },
  // Reading trends changes nothing: a view token may read them. The walk's iris table has no date
  // column, so a caller the guard lets through gets the 400 that says so (tests/integration/api/trends.test.ts has the 200s).
  'GET /api/analyses/:id/trends': { method: 'GET', path: (w) => `/api/analyses/${w.analysisId}/trends?date=species`, expect: sessionReads(400) },
  'GET /api/analyses/:id/events': { method: 'GET', path: (w) => `/api/analyses/${w.analysisId}/events`, expect: sessionReads(200) },
  'GET /api/analyses/:id/cluster-stats': { method: 'GET', path: (w) => `/api/analyses/${w.analysisId}/cluster-stats?format=csv`, expect: sessionReads(200) },
  // A comparison only reads: a view token may ask for one.
  'POST /api/analyses/:id/compare': { method: 'POST', path: (w) => `/api/analyses/${w.analysisId}/compare`, body: () => json({ a: { cluster: 0 }, b: { rest: true } }), expect: sessionReads(200) },
  // Cancelling a finished analysis changes nothing (cancelled: false) but is still a write.
  'DELETE /api/analyses/:id': { method: 'DELETE', path: (w) => `/api/analyses/${w.analysisId}`, expect: sessionWrites(200) },
  'POST /api/sessions': { method: 'POST', path: () => '/api/sessions', body: (w) => json({ datasetId: w.datasetId }), expect: ownerOnly(201) },
  'GET /api/sessions/:id': { method: 'GET', path: (w) => `/api/sessions/${w.session.id}`, expect: sessionReads(200) },
  // The findings report: either link of the session (a view link is enough) and the owner.
  'GET /api/sessions/:id/report': { method: 'GET', path: (w) => `/api/sessions/${w.session.id}/report`, expect: sessionReads(200) },
  'PUT /api/sessions/:id/analysis': { method: 'PUT', path: (w) => `/api/sessions/${w.session.id}/analysis`, body: (w) => json({ analysisId: w.analysisId }), expect: sessionWrites(200) },
  'GET /api/demo-datasets': { method: 'GET', path: () => '/api/demo-datasets', expect: ownerOnly(200) },
  'POST /api/demo-datasets/:key': { method: 'POST', path: () => '/api/demo-datasets/iris', expect: ownerOnly(201) },
  'GET /api/demo-session': { method: 'GET', path: () => '/api/demo-session', expect: ownerOnly(200) },
  // Every session page has a Share panel; the answer is this server's own addresses, not data.
  'GET /api/share-origins': { method: 'GET', path: () => '/api/share-origins', expect: { ...sessionReads(200), otherView: 200 } },
  // Whether the caller is the owner, for the start page to ask before the owner's API; a wrong token is still refused.
  'GET /api/access': { method: 'GET', path: () => '/api/access', expect: { ...all(200), wrong: 401 } },
  'DELETE /api/datasets/:id': { method: 'DELETE', path: (w) => `/api/datasets/${w.datasetId}`, expect: ownerOnly(204) },
};

let server: RunningServer;
let dataDir: string;
let world: World;
let port: number;

/**
 * One request from a chosen loopback source address (127.0.0.0/8 is all this machine): the
 * guess limiter counts per client address, so tests that must not share a budget use their own.
 */
function call(method: string, path: string, options: { token?: string; from?: string; body?: { type: string; data: string } } = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    if (options.body) headers['content-type'] = options.body.type;
    const req = request({ host: '127.0.0.1', port, path, method, headers, localAddress: options.from ?? '127.0.0.1', agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(options.body?.data);
  });
}

function tokenOf(caller: Caller, w: World): string | undefined {
  switch (caller) {
    case 'none':
      return undefined;
    case 'wrong':
      return 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    case 'otherView':
      return w.other.viewToken;
    case 'view':
      return w.session.viewToken;
    case 'edit':
      return w.session.editToken;
    case 'owner':
      return TEST_OWNER_TOKEN;
  }
}

/** A WebSocket upgrade from a chosen source address: how it ended (HTTP status or close code). */
function wsOutcome(path: string, from = '127.0.0.1'): Promise<{ httpStatus: number | null; closeCode: number | null; opened: boolean }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, { localAddress: from });
    const outcome = { httpStatus: null as number | null, closeCode: null as number | null, opened: false };
    ws.on('unexpected-response', (_req, res) => {
      outcome.httpStatus = res.statusCode ?? null;
      res.resume();
      ws.terminate();
      resolve(outcome);
    });
    ws.on('open', () => {
      outcome.opened = true;
      ws.close();
    });
    ws.on('error', () => undefined);
    ws.on('close', (code) => {
      if (outcome.httpStatus === null) outcome.closeCode = code;
      resolve(outcome);
    });
  });
}

async function analysedSession(asset: 'iris' | 'penguins'): Promise<{ datasetId: string; analysisId: string; session: SessionCreated }> {
  const dataset = await uploadAsset(server.url, asset);
  const analysis = await postAnalysis(server.url, dataset.id, PCA);
  await waitForAnalysis(server.url, analysis.id);
  const response = await postJson(`${server.url}/api/sessions`, { datasetId: dataset.id, analysisId: analysis.id });
  return { datasetId: dataset.id, analysisId: analysis.id, session: (await response.json()) as SessionCreated };
}

beforeAll(async () => {
  dataDir = await tempDataDir('mirage-access-');
  server = await startTestServer(dataDir);
  port = server.port;
  const mine = await analysedSession('iris');
  const theirs = await analysedSession('penguins');
  world = { ...mine, other: theirs.session, otherDatasetId: theirs.datasetId };
}, 120_000);

afterAll(async () => {
  await server?.close();
  if (dataDir) await removeDir(dataDir);
});

describe('every API route, asked by each kind of caller', () => {
  it('answers the status in the table, and the table names every route the app serves', async () => {
    const served = createApp(server.deps)
      .routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
      .map((r) => `${r.method} ${r.path}`);
    const unclassified = [...new Set(served)].filter((key) => !(key in ROUTES));
    expect(unclassified, 'routes missing from the access table: classify them').toEqual([]);
    expect(Object.keys(ROUTES).filter((key) => !served.includes(key)), 'routes in the table the app no longer serves').toEqual([]);

    const got: Record<string, Partial<Expect>> = {};
    let source = 10;
    for (const [key, probe] of Object.entries(ROUTES)) {
      got[key] = {};
      for (const caller of CALLERS) {
        // Each wrong token from its own address: the walk must not run into the guess limit.
        const from = caller === 'wrong' ? `127.0.0.${source++}` : '127.0.0.1';
        const response = await call(probe.method, probe.path(world), { token: tokenOf(caller, world), from, body: probe.body?.(world) });
        got[key][caller] = response.status;
        if (response.status >= 400) expect(JSON.parse(response.text)).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
      }
    }
    const wanted = Object.fromEntries(Object.entries(ROUTES).map(([key, probe]) => [key, probe.expect]));
    expect(got).toEqual(wanted);
  }, 120_000);
});

describe('the owner check', () => {
  it('GET /api/access says owner only to the owner token, no to no token or a session token', async () => {
    for (const caller of ['owner', 'none', 'view', 'edit'] as const) {
      const response = await call('GET', '/api/access', { token: tokenOf(caller, world) });
      expect(response.status).toBe(200);
      expect(JSON.parse(response.text)).toEqual({ owner: caller === 'owner' });
    }
  });
});

describe('scoping and guessing', () => {
  it('a view token of one session reads no row of another session\'s dataset, over HTTP or the WebSocket', async () => {
    const b = await analysedSession('penguins');
    const a = await analysedSession('iris');
    const aView = a.session.viewToken;
    expect((await call('GET', `/api/datasets/${b.datasetId}/rows?limit=1`, { token: aView })).status).toBe(403);
    expect((await call('GET', `/api/datasets/${b.datasetId}/columns/species`, { token: aView })).status).toBe(403);
    expect((await call('GET', `/api/analyses/${b.analysisId}/positions.bin`, { token: aView })).status).toBe(403);
    expect((await call('GET', `/api/sessions/${b.session.id}`, { token: aView })).status).toBe(403);
    const ws = await wsOutcome(`/yjs/${b.session.id}?token=${aView}`);
    expect(ws.opened).toBe(true); // the handshake completes only to say why (browsers hide HTTP statuses)
    expect(ws.closeCode).toBe(4403);
    // Its own session it reads, and writes nothing.
    expect((await call('GET', `/api/datasets/${a.datasetId}/rows?limit=1`, { token: aView })).status).toBe(200);
    expect((await call('POST', `/api/datasets/${a.datasetId}/analyses`, { token: aView, body: json({ reduction: { method: 'umap' } }) })).status).toBe(403);
  }, 120_000);

  it('a view token reads the analyses its session was bound to, not others of the same dataset', async () => {
    const s = await analysedSession('iris');
    const next = await postAnalysis(server.url, s.datasetId, { reduction: { method: 'pca' }, seed: 7 });
    await waitForAnalysis(server.url, next.id);
    const view = s.session.viewToken;
    expect((await call('GET', `/api/analyses/${next.id}`, { token: view })).status).toBe(403);
    const listed = JSON.parse((await call('GET', `/api/datasets/${s.datasetId}/analyses`, { token: view })).text) as { analyses: { id: string }[] };
    expect(listed.analyses.map((x) => x.id)).toEqual([s.analysisId]);
    // The edit token may (it could run the same analysis), and re-binding shows it to viewers.
    expect((await call('GET', `/api/analyses/${next.id}`, { token: s.session.editToken })).status).toBe(200);
    expect((await call('PUT', `/api/sessions/${s.session.id}/analysis`, { token: s.session.editToken, body: json({ analysisId: next.id }) })).status).toBe(200);
    expect((await call('GET', `/api/analyses/${next.id}`, { token: view })).status).toBe(200);
    // The previous one stays readable: a participant's page may still show it.
    expect((await call('GET', `/api/analyses/${s.analysisId}/cluster.bin`, { token: view })).status).toBe(200);
  }, 120_000);

  it('a view token follows the analysis its session is moving to; only the edit token points the session at it', async () => {
    const s = await analysedSession('iris');
    // The queue runs one analysis at a time here: behind this one, the next stays queued.
    const table = await uploadText(server.url, mixtureToCsv(generateMixture({ rows: 3000, seed: 17 })), CONTENT_TYPES.csv, 'blocker.csv');
    const blocker = await postAnalysis(server.url, ((await table.json()) as { id: string }).id, { reduction: { method: 'tsne' }, seed: 17 });
    const next = await postAnalysis(server.url, s.datasetId, { reduction: { method: 'umap' }, seed: 18 });
    const view = s.session.viewToken;
    const point = (token: string) => call('PUT', `/api/sessions/${s.session.id}/analysis`, { token, body: json({ analysisId: next.id }) });
    expect((await call('GET', `/api/analyses/${next.id}/events`, { token: view })).status).toBe(403);
    expect((await point(view)).status).toBe(403);
    expect((await point(s.session.editToken)).status).toBe(202);
    expect((await call('GET', `/api/analyses/${next.id}`, { token: view })).status).toBe(200);
    // Watching is not stopping: the view token cannot cancel it.
    expect((await call('DELETE', `/api/analyses/${next.id}`, { token: view })).status).toBe(403);
    for (const id of [next.id, blocker.id]) expect((await call('DELETE', `/api/analyses/${id}`, { token: TEST_OWNER_TOKEN })).status).toBe(200);
  }, 120_000);

  it('100 wrong tokens in a row get 429 after the bound, and the right token still works from another address', async () => {
    const attacker = '127.0.0.201';
    const statuses: number[] = [];
    let retryAfter: string | string[] | undefined;
    for (let i = 0; i < 100; i++) {
      const response = await call('GET', '/api/datasets', { token: `guess-${i}-${'x'.repeat(30)}`, from: attacker });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers['retry-after'];
    }
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.slice(20)).toEqual(Array(80).fill(429));
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // While blocked, even the right token is not looked at from there (a lucky guess would show)…
    expect((await call('GET', '/api/datasets', { token: TEST_OWNER_TOKEN, from: attacker })).status).toBe(429);
    // …and the WebSocket is closed to it as well.
    expect((await wsOutcome(`/yjs/${world.session.id}?token=${world.session.viewToken}`, attacker)).httpStatus).toBe(429);
    // Everyone else is unaffected.
    expect((await call('GET', '/api/datasets', { token: TEST_OWNER_TOKEN, from: '127.0.0.202' })).status).toBe(200);
    expect((await wsOutcome(`/yjs/${world.session.id}?token=${world.session.viewToken}`, '127.0.0.202')).closeCode).not.toBe(4403);
  });

  it('wrong tokens on the WebSocket count against the same bound', async () => {
    const attacker = '127.0.0.203';
    const outcomes = [];
    for (let i = 0; i < 21; i++) outcomes.push(await wsOutcome(`/yjs/${world.session.id}?token=wrong-${i}-${'y'.repeat(30)}`, attacker));
    expect(outcomes.slice(0, 20).every((o) => o.closeCode === 4403)).toBe(true);
    expect(outcomes[20].httpStatus).toBe(429);
    expect((await call('GET', '/api/datasets', { token: TEST_OWNER_TOKEN, from: attacker })).status).toBe(429);
  });
});

describe("the session's analysis is the server's", () => {
  it("an editor writing another dataset's analysis into the document's meta is refused and never reaches anyone; titles still change", async () => {
    const s = await analysedSession('iris');
    const foreign = await analysedSession('penguins');
    const wsBase = `ws://127.0.0.1:${port}/yjs`;
    const editor = connectClient(wsBase, s.session.id, s.session.editToken);
    const viewer = connectClient(wsBase, s.session.id, s.session.viewToken);
    try {
      await Promise.all([whenSynced(editor), whenSynced(viewer)]);
      let closeCode: number | null = null;
      editor.provider.on('connection-close', (event: CloseEvent | null) => (closeCode ??= event?.code ?? null));
      editor.doc.getMap('meta').set('title', 'Renamed by the editor');
      await waitFor(() => readMeta(viewer.doc).title === 'Renamed by the editor', 5000, 'the title to reach the viewer');
      editor.doc.getMap('meta').set('analysisId', foreign.analysisId);
      await waitFor(() => closeCode !== null, 5000, 'the editor to be closed');
      expect(closeCode).toBe(4403);
      expect(readMeta(viewer.doc).analysisId).toBe(s.analysisId);
      // A fresh participant sees the server's binding, not the write.
      const late = connectClient(wsBase, s.session.id, s.session.viewToken);
      await whenSynced(late);
      expect(readMeta(late.doc).analysisId).toBe(s.analysisId);
      late.destroy();
    } finally {
      editor.destroy();
      viewer.destroy();
    }
  }, 60_000);

  it('a session whose dataset was deleted says so', async () => {
    const s = await analysedSession('iris');
    expect((await call('DELETE', `/api/datasets/${s.datasetId}`, { token: TEST_OWNER_TOKEN })).status).toBe(204);
    const answer = await call('GET', `/api/sessions/${s.session.id}`, { token: s.session.viewToken });
    expect(answer.status).toBe(410);
    expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'dataset_deleted', message: expect.stringMatching(/was deleted/) } });
  }, 60_000);
});

describe('host, origin and headers', () => {
  it('refuses a Host that is not one of this server\'s names (DNS rebinding) and cross-origin writes', async () => {
    const rebound = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/health', headers: { host: `attacker.example:${port}` }, agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(rebound).toBe(403);
    // A page of another site posting text/plain (no CORS preflight): refused before the upload is read.
    const crossSite = await fetch(`${server.url}/api/datasets`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'text/plain', authorization: `Bearer ${TEST_OWNER_TOKEN}` },
      body: 'a,b\n1,2\n',
    });
    expect(crossSite.status).toBe(403);
    expect(((await crossSite.json()) as { error: { code: string } }).error.code).toBe('forbidden_origin');
    const sameSite = await fetch(`${server.url}/api/datasets`, {
      method: 'POST',
      headers: { origin: server.url.replace('localhost', '127.0.0.1'), 'content-type': 'text/plain', authorization: `Bearer ${TEST_OWNER_TOKEN}` },
      body: 'a,b\n1,2\n',
    });
    expect(sameSite.status).toBe(201);
  });

  it('pages carry a CSP of our own origin, nosniff and frame-ancestors none', async () => {
    const page = await fetch(`${server.url}/`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    // No inline script or JS eval; 'wasm-unsafe-eval' compiles WebAssembly only (the VR panel's layout engine).
    expect(csp).not.toMatch(/'unsafe-(inline|eval)'/);
    expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('the owner link sets an HttpOnly SameSite=Strict cookie and sends the browser to / without the token', async () => {
    const response = await fetch(`${server.url}/?token=${TEST_OWNER_TOKEN}`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const pair = cookie.split(';')[0];
    expect((await fetch(`${server.url}/api/datasets`, { headers: { cookie: pair } })).status).toBe(200);
    // A cookie of an earlier owner token (OWNER_TOKEN changed) is refused and cleared, so it counts once.
    const stale = await fetch(`${server.url}/api/datasets`, { headers: { cookie: pair.replace(/=.*/, '=an-earlier-owner-token-0000000') } });
    expect(stale.status).toBe(401);
    expect(stale.headers.get('set-cookie')).toMatch(/Max-Age=0/i);
    // A wrong link sets nothing.
    const wrong = await fetch(`${server.url}/?token=not-the-owner-token-000000000`, { redirect: 'manual' });
    expect(wrong.status).toBe(303);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });
});
