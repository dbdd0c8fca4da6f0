import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionCreated } from '../../../shared/api-types.ts';
import type { AskAnswer } from '../../../shared/insights/ask.ts';
import { addAnnotation, addBookmark, DEFAULT_VIEW, setPresenter, setPresenterPose, setTitle, shareAnswer } from '../../../shared/session/index.ts';
import { postAnalysis, waitForAnalysis } from '../../support/analysis-client.ts';
import { connectClient, waitFor, whenSynced, type TestClient } from '../../support/collab-harness.ts';
import { errorCode, ownerFetch, postJson, uploadAsset } from '../../support/http.ts';
import { removeDir, startTestServer, tempDataDir } from '../../support/server-process.ts';
import type { RunningServer } from '../../../server/server.ts';

/**
 * GET /api/sessions/:id/report on the real server: a penguins session with a bookmark (Gentoo
 * only) and a hostile note and title, read with the view token; refusals for other tokens and
 * an unknown session.
 */
const HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
let server: RunningServer;
let dataDir: string;
let session: SessionCreated;
let other: SessionCreated;
let plain: SessionCreated;
let editor: TestClient;
let gentooRow: number;
let answer: AskAnswer;

const report = (id: string, token: string | null) => fetch(`${server.url}/api/sessions/${id}/report${token === null ? '' : `?token=${encodeURIComponent(token)}`}`);

beforeAll(async () => {
  dataDir = await tempDataDir('mirage-report-');
  server = await startTestServer(dataDir);
  const dataset = await uploadAsset(server.url, 'penguins');
  const analysis = await postAnalysis(server.url, dataset.id, { reduction: { method: 'pca' } });
  await waitForAnalysis(server.url, analysis.id);
  session = (await (await postJson(`${server.url}/api/sessions`, { datasetId: dataset.id, analysisId: analysis.id })).json()) as SessionCreated;
  other = (await (await postJson(`${server.url}/api/sessions`, { datasetId: dataset.id })).json()) as SessionCreated;
  plain = (await (await postJson(`${server.url}/api/sessions`, { datasetId: dataset.id, analysisId: analysis.id })).json()) as SessionCreated;
  const rows = (await (await ownerFetch(`${server.url}/api/datasets/${dataset.id}/rows?limit=400`)).json()) as { rows: Record<string, unknown>[] };
  gentooRow = rows.rows.findIndex((r) => r.Species === 'Gentoo');
  expect(gentooRow).toBeGreaterThan(0);

  editor = connectClient(`${server.url.replace('http', 'ws')}/yjs`, session.id, session.editToken);
  await whenSynced(editor);
  setTitle(editor.doc, `Penguins ${HOSTILE}`);
  addBookmark(editor.doc, {
    title: `Gentoo ${HOSTILE}`,
    camera: { position: [0, 0, 4], target: [0, 0, 0] },
    view: DEFAULT_VIEW,
    filters: [{ id: 'f1', kind: 'set', column: 'Species', values: ['Gentoo'], enabled: true, author: 'ana', createdAt: 1 }],
    author: 'ana',
    analysisId: analysis.id,
  });
  addAnnotation(editor.doc, { rowIndex: gentooRow, text: `Heavy one ${HOSTILE}`, author: 'ben', color: '#ff8800' });
  // A real answer from the ask route, shared to the room under a hostile question.
  const asked = await postJson(`${server.url}/api/analyses/${analysis.id}/ask?token=${session.editToken}`, { question: 'how many penguins live on Biscoe?' });
  expect(asked.status).toBe(200);
  answer = (await asked.json()) as AskAnswer;
  shareAnswer(editor.doc, { ...answer, question: `Biscoe ${HOSTILE}`, author: 'cleo' });
  // The server's copy has them once the report sees the note and the answer.
  await waitFor(async () => {
    const text = await (await report(session.id, session.viewToken)).text();
    return text.includes('Heavy one') && text.includes('Biscoe &lt;script&gt;');
  }, 20_000, 'the report to show the note and the shared answer');
}, 180_000);

afterAll(async () => {
  editor?.destroy();
  await server?.close();
  if (dataDir) await removeDir(dataDir);
});

describe('GET /api/sessions/:id/report', () => {
  it('gives a view token the report as an HTML attachment named after the session', async () => {
    const response = await report(session.id, session.viewToken);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const disposition = response.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="Penguins _script_alert__x____script_ _ _img src_x onerror_alert_1__-report\.html"; filename\*=UTF-8''/);
    const text = await response.text();
    expect(text.startsWith('<!DOCTYPE html>')).toBe(true);
    // Every hostile string is escaped: no markup of ours but ours.
    expect(text).not.toContain('<script');
    expect(text).not.toContain('<img src=x');
    expect(text).toContain('Heavy one &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;');
    for (const id of ['summary', 'quality', 'views', 'clusters', 'anomalies', 'notes', 'answers']) expect(text).toContain(`<section id="${id}">`);
  });

  it('lists the answer shared to the room with its author and its count', async () => {
    const text = await (await report(session.id, session.viewToken)).text();
    const answers = text.slice(text.indexOf('<section id="answers">'));
    expect(answers).toContain('cleo');
    expect(answer.count).toBe(168);
    expect(answers).toContain('168');
  });

  it('carries the dataset’s quality report: the penguins’ real missing values, counted', async () => {
    const text = await (await report(session.id, session.viewToken)).text();
    const quality = text.slice(text.indexOf('<section id="quality">'), text.indexOf('<section id="views">'));
    expect(quality).toContain('Missing values');
    expect(quality).toContain('Sex · 11 found');
    expect(quality).not.toContain('No quality report is available');
  });

  it('embeds the bookmark picture as a PNG of 1280 × 720 with the note under it', async () => {
    const text = await (await report(session.id, session.viewToken)).text();
    const images = [...text.matchAll(/<img class="snapshot screen" src="data:image\/png;base64,([A-Za-z0-9+/=]+)"/g)];
    expect(images).toHaveLength(1);
    const png = PNG.sync.read(Buffer.from(images[0][1], 'base64'));
    expect([png.width, png.height]).toEqual([1280, 720]);
    const bookmark = text.slice(text.indexOf('<article class="card view"'), text.indexOf('</article>'));
    expect(bookmark).toContain('Gentoo &lt;script&gt;');
    expect(bookmark).toContain('Species is Gentoo');
    expect(bookmark).toContain('Heavy one');
    expect(bookmark).toContain(`row ${gentooRow + 1}`);
  });

  it('lets the edit token and the owner read it too', async () => {
    expect((await report(session.id, session.editToken)).status).toBe(200);
    expect((await ownerFetch(`${server.url}/api/sessions/${session.id}/report`)).status).toBe(200);
  });

  it('refuses another session’s token (403), a wrong token (401) and no token (401)', async () => {
    const otherToken = await report(session.id, other.viewToken);
    expect(otherToken.status).toBe(403);
    expect(await errorCode(otherToken)).toBe('forbidden');
    expect((await report(session.id, 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(401);
    expect((await report(session.id, null)).status).toBe(401);
  });

  it('answers 404 for an unknown session', async () => {
    const response = await ownerFetch(`${server.url}/api/sessions/nosuchsession00000000/report`);
    expect(response.status).toBe(404);
    expect(await errorCode(response)).toBe('not_found');
  });

  it('without bookmarks pictures the shared view: every point framed, then the presenter’s pose', async () => {
    const first = await (await report(plain.id, plain.viewToken)).text();
    expect(first).toContain('<h2>The shared view</h2>');
    expect([...first.matchAll(/<img class="snapshot screen"/g)]).toHaveLength(1);
    expect(first).toContain('nobody presents: every point framed from the home direction');
    const presenter = connectClient(`${server.url.replace('http', 'ws')}/yjs`, plain.id, plain.editToken);
    try {
      await whenSynced(presenter);
      setPresenter(presenter.doc, { clientId: presenter.doc.clientID, name: 'Ana' });
      setPresenterPose(presenter.doc, { position: [0.5, 0.5, 3], target: [0, 0, 0] });
      await waitFor(async () => (await (await report(plain.id, plain.viewToken)).text()).includes('seen from the presenter’s camera'), 20_000, 'the presenter’s pose in the report');
    } finally {
      presenter.destroy();
    }
  });

  it('reports a session without an analysis with its view and no picture', async () => {
    const response = await report(other.id, other.viewToken);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('This session has no finished analysis yet');
    expect(text).not.toContain('data:image/png');
  });
});
