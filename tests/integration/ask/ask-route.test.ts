import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisDescription } from '../../../shared/api-types.ts';
import type { AskAnswer } from '../../../shared/insights/ask.ts';
import { eventStreamParser, type StreamEvent } from '../../../client/api/event-stream.ts';
import type { RunningServer } from '../../../server/server.ts';
import { postAnalysis, waitForAnalysis } from '../../support/analysis-client.ts';
import { errorCode, ownerFetch, postJson, uploadAsset } from '../../support/http.ts';
import { removeDir, startTestServer, tempDataDir, TEST_OWNER_TOKEN } from '../../support/server-process.ts';
import { startFakeModelEndpoint, type FakeModelEndpoint } from './fake-model-endpoint.ts';
import { isMissingRaw, num, readRawRows, type RawRow } from './ask-raw-data.ts';

const PARAMS = { reduction: { method: 'pca' }, clustering: { method: 'kmeans', k: 3 } } as const;

interface World {
  server: RunningServer;
  dataDir: string;
  analysis: AnalysisDescription;
}

async function analysedPenguins(overrides: Parameters<typeof startTestServer>[1]): Promise<World> {
  const dataDir = await tempDataDir('mirage-ask-route-');
  const server = await startTestServer(dataDir, overrides);
  const dataset = await uploadAsset(server.url, 'penguins');
  const posted = await postAnalysis(server.url, dataset.id, PARAMS);
  return { server, dataDir, analysis: await waitForAnalysis(server.url, posted.id) };
}

const ask = (w: World, body: unknown, headers: Record<string, string> = {}) => postJson(`${w.server.url}/api/analyses/${w.analysis.id}/ask`, body, 'POST', headers);

async function events(response: Response): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  const parser = eventStreamParser((e) => out.push(e));
  const decoder = new TextDecoder();
  for await (const chunk of response.body!) parser.push(decoder.decode(chunk, { stream: true }));
  parser.end();
  return out;
}

let offline: World;
let withModel: World;
let model: FakeModelEndpoint;
let rows: RawRow[];
const heavyOnBiscoe = () => rows.filter((r) => num(r, 'Body Mass (g)') > 5000 && r.Island === 'Biscoe').length;

beforeAll(async () => {
  rows = await readRawRows('penguins');
  model = await startFakeModelEndpoint();
  // Many questions in a row here; the rate per client is measured on the model server, asked a few times only.
  offline = await analysedPenguins({ askPerMinute: 10_000 });
  withModel = await analysedPenguins({ llm: { baseUrl: model.baseUrl, apiKey: 'test-key-not-secret', model: 'fake-small', timeoutMs: 1500, firstTokenMs: 500 } });
}, 180_000);

afterAll(async () => {
  for (const w of [offline, withModel]) {
    await w?.server.close();
    if (w) await removeDir(w.dataDir);
  }
  await model?.close();
});

describe('POST /api/analyses/:id/ask: bad questions get a clear message, never a 500', () => {
  it('refuses an empty question, one over 500 characters, a missing or non-text question, unknown keys, non-JSON and a wrong type (4xx)', async () => {
    const cases: [unknown, number, RegExp][] = [
      [{ question: '   ' }, 400, /empty/],
      [{ question: 'x'.repeat(501) }, 400, /500 characters/],
      [{}, 400, /question/],
      [{ question: 42 }, 400, /question/],
      [{ question: 'how many?', extra: 1 }, 400, /extra|unrecognized|key/i],
      [{ question: 'cluster 1?', clusterIds: { raw: [0, 1], shown: [0] } }, 400, /as long as/],
    ];
    for (const [body, status, message] of cases) {
      const response = await ask(offline, body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      const payload = (await response.clone().json()) as { error: { message: string } };
      expect(payload.error.message).toMatch(message);
      await errorCode(response);
    }
    const notJson = await ownerFetch(`${offline.server.url}/api/analyses/${offline.analysis.id}/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"question": ' });
    expect(notJson.status).toBe(400);
    expect(await errorCode(notJson)).toBe('malformed_json');
    const text = await ownerFetch(`${offline.server.url}/api/analyses/${offline.analysis.id}/ask`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'how many?' });
    expect(text.status).toBe(415);
    const unknown = await postJson(`${offline.server.url}/api/analyses/AAAAAAAAAAAA/ask`, { question: 'how many?' });
    expect(unknown.status).toBe(404);
  });

  it('answers 409 while the analysis is not done', async () => {
    const posted = await postAnalysis(offline.server.url, offline.analysis.datasetId, { reduction: { method: 'umap' } });
    const response = await postJson(`${offline.server.url}/api/analyses/${posted.id}/ask`, { question: 'how many rows?' });
    // Queued or running: the queue runs one analysis at a time and this one needs seconds.
    expect(response.status).toBe(409);
    expect((await response.json()) as unknown).toMatchObject({ error: { code: 'conflict', message: expect.stringMatching(/questions need its results/) } });
    await ownerFetch(`${offline.server.url}/api/analyses/${posted.id}`, { method: 'DELETE' });
  });

  it('answers questions it cannot map with 200 and says what it did not understand', async () => {
    const price = (await (await ask(offline, { question: 'what is the average price?' })).json()) as AskAnswer;
    expect(price.answer).toMatch(/could not find "price"/);
    expect(price.answer).toMatch(/Body Mass \(g\)/); // names the columns there are
    const gibberish = (await (await ask(offline, { question: 'xyzzy plugh frobnicate' })).json()) as AskAnswer;
    expect(gibberish.answer).toMatch(/could not find/);
    expect(gibberish.citations).toEqual([]);
    const noCluster = (await (await ask(offline, { question: 'what makes cluster 9 different?' })).json()) as AskAnswer;
    expect(noCluster.answer).toMatch(/There is no cluster 9.*clusters 1, 2 and 3/);
    const none = (await (await ask(offline, { question: 'how many penguins weigh more than 50 kg?' })).json()) as AskAnswer;
    expect(none.count).toBe(0);
    expect(none.answer).toMatch(/^No row/);
    expect(none.filters).toBeUndefined();
  });

  it('survives odd questions (symbols, huge numbers, prototype keys, lone keywords) with a 200 answer', async () => {
    const odd = ['> > >', 'between and', 'cluster', 'cluster -1', 'c999999', '__proto__', 'constructor toString', 'how many 1e400 kg?', '🐧🐧🐧', 'between 5 and', 'more than', '5,000,000,000,000,000,000,000 g', 'body mass body mass body mass'];
    for (const question of odd) {
      const response = await ask(offline, { question });
      expect(response.status, question).toBe(200);
      const answer = (await response.json()) as AskAnswer;
      expect(typeof answer.answer, question).toBe('string');
      expect(answer.answer.length, question).toBeGreaterThan(0);
    }
  });

  it('bounds questions per client address (429 with Retry-After)', async () => {
    // From its own loopback address, so the other tests keep their budget (60 a minute, 12 at once).
    const statuses: { status: number; retryAfter: string | undefined }[] = [];
    for (let i = 0; i < 20; i++) {
      statuses.push(
        await new Promise((resolve, reject) => {
          const body = JSON.stringify({ question: 'how many rows?' });
          const req = request(
            { host: '127.0.0.1', port: withModel.server.port, path: `/api/analyses/${withModel.analysis.id}/ask`, method: 'POST', localAddress: '127.0.0.77', agent: false, headers: { authorization: `Bearer ${TEST_OWNER_TOKEN}`, 'content-type': 'application/json' } },
            (res) => {
              res.resume();
              res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined }));
            },
          );
          req.on('error', reject);
          req.end(body);
        }),
      );
    }
    expect(statuses.slice(0, 12).every((s) => s.status === 200)).toBe(true);
    const refused = statuses.filter((s) => s.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(Number(refused[0].retryAfter)).toBeGreaterThanOrEqual(1);
  });
});

describe('answers in the asker\'s cluster numbers', () => {
  it('reads "cluster 1" through clusterIds and cites the shown id', async () => {
    const summary = offline.analysis.result!;
    // The session shows raw 0 as C3, raw 1 as C1, raw 2 as C2.
    const clusterIds = { raw: [0, 1, 2], shown: [2, 0, 1] };
    const answer = (await (await ask(offline, { question: 'what makes cluster 1 different?', clusterIds })).json()) as AskAnswer;
    expect(answer.citations).toContainEqual({ kind: 'cluster', cluster: 0 });
    const raw1 = summary.clusters.find((c) => c.id === 1)!;
    expect(answer.answer).toContain(`Cluster 1 (${raw1.label}): ${raw1.size} points`);
  });
});

describe('offline streaming', () => {
  it('with Accept: text/event-stream and no model, sends the whole text as one delta, then done', async () => {
    const response = await ask(offline, { question: 'show penguins heavier than 5 kg on Biscoe' }, { accept: 'text/event-stream' });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const got = await events(response);
    expect(got.map((e) => e.event)).toEqual(['delta', 'done']);
    const done = JSON.parse(got[1].data) as AskAnswer;
    expect(JSON.parse(got[0].data)).toEqual({ text: done.answer });
    expect(done).toMatchObject({ source: 'offline', count: heavyOnBiscoe() });
    expect(done.note).toBeUndefined();
  });
});

describe('the optional language model (a fake OpenAI-compatible endpoint on loopback)', () => {
  it('phrases the answer from the retrieved context only; citations, filters and count stay the offline engine\'s', async () => {
    model.mode = 'stream';
    model.requests.length = 0;
    const plain = (await (await ask(offline, { question: 'show penguins heavier than 5 kg on Biscoe' })).json()) as AskAnswer;
    const phrased = (await (await ask(withModel, { question: 'show penguins heavier than 5 kg on Biscoe' })).json()) as AskAnswer;
    expect(phrased.source).toBe('model');
    expect(phrased.answer).toBe(model.pieces.join(''));
    expect(phrased.note).toBeUndefined();
    expect({ citations: phrased.citations, filters: phrased.filters, count: phrased.count }).toEqual({ citations: plain.citations, filters: plain.filters, count: plain.count });
    expect(phrased.count).toBe(heavyOnBiscoe());
    const sent = model.requests.at(-1)!;
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.authorization).toBe('Bearer test-key-not-secret');
    expect(sent.body).toMatchObject({ model: 'fake-small', stream: true });
    const [system, user] = sent.body.messages!;
    expect(system.role).toBe('system');
    expect(system.content).toMatch(/only the facts in the context/i);
    expect(system.content).toMatch(/never add facts/i);
    expect(user.content).toContain('show penguins heavier than 5 kg on Biscoe');
    expect(user.content).toContain(plain.answer); // the offline figures are the context
  });

  it('streams the model\'s words as delta events, then done with source "model"', async () => {
    model.mode = 'stream';
    const response = await ask(withModel, { question: 'how many rows have missing sex?' }, { accept: 'text/event-stream' });
    const got = await events(response);
    const deltas = got.filter((e) => e.event === 'delta').map((e) => (JSON.parse(e.data) as { text: string }).text);
    expect(deltas).toEqual(model.pieces);
    expect(got.at(-1)!.event).toBe('done');
    const done = JSON.parse(got.at(-1)!.data) as AskAnswer;
    expect(done).toMatchObject({ source: 'model', answer: model.pieces.join(''), count: rows.filter((r) => isMissingRaw(r.Sex)).length });
  });

  it('cuts a model answer longer than an answer shared to the room may be (4,000 characters)', async () => {
    model.mode = 'stream';
    const pieces = model.pieces;
    model.pieces = ['x'.repeat(3000), 'y'.repeat(3000), 'z'.repeat(3000)];
    const answer = (await (await ask(withModel, { question: 'what is the average flipper length?' })).json()) as AskAnswer;
    model.pieces = pieces;
    expect(answer.source).toBe('model');
    expect(answer.answer).toHaveLength(4000);
    expect(answer.answer.endsWith('y…')).toBe(true);
  });

  it('falls back to the offline answer with a note when the model hangs, stops mid-answer, fails or sends a malformed stream', async () => {
    const expected: [typeof model.mode, RegExp][] = [
      ['hang', /sent nothing within 0\.5 s; this is the offline answer/],
      ['hang-after-first', /did not finish within 1\.5 s; this is the offline answer/],
      ['error', /answered HTTP 500; this is the offline answer/],
      ['garbage', /sent a malformed stream; this is the offline answer/],
    ];
    const plain = (await (await ask(offline, { question: 'what is the average flipper length?' })).json()) as AskAnswer;
    for (const [mode, note] of expected) {
      model.mode = mode;
      const answer = (await (await ask(withModel, { question: 'what is the average flipper length?' })).json()) as AskAnswer;
      expect(answer.source, mode).toBe('offline');
      expect(answer.note, mode).toMatch(note);
      expect(answer.answer, mode).toBe(plain.answer);
      // Streamed: the fallback is the done event (after any words the model managed to send).
      const streamed = await events(await ask(withModel, { question: 'what is the average flipper length?' }, { accept: 'text/event-stream' }));
      const done = JSON.parse(streamed.at(-1)!.data) as AskAnswer;
      expect(streamed.at(-1)!.event, mode).toBe('done');
      expect(done.note, mode).toMatch(note);
    }
    model.mode = 'stream';
  });
});
