import { readdir } from 'node:fs/promises';
import { request, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisEvent } from '../../../shared/api-types.ts';
import { mb, rssBytes, settledRss } from '../../support/process-memory.ts';
import { removeDir, startServerChild, tempDataDir, TEST_OWNER_TOKEN, type ServerChild } from '../../support/server-process.ts';
import { generateMixture, mixtureToCsv } from '../../support/synthetic.ts';

/**
 * Issue 15, "bound what one client can cost the others", against the real server in a child
 * process (its memory is read from /proc). Clients are told apart by their loopback address
 * (127.0.0.x: one machine, several clients) and, for the queue, by their token as well.
 */

// Small caps, so that reaching them costs little; the defaults are in server/config.ts.
const LIMITS = { ANALYSIS_CONCURRENCY: '1', ANALYSIS_MAX_QUEUED_PER_TOKEN: '2', ANALYSIS_MAX_QUEUED: '3', EVENTS_MAX_PER_ANALYSIS: '4', EVENTS_MAX_PER_CLIENT: '3' };
/** Memory after the abuse may exceed memory before by this share at most. */
const MEMORY_SLACK = 1.2;

interface Reply {
  status: number;
  headers: IncomingMessage['headers'];
  text: string;
}

describe('what one client can cost the others', () => {
  let dir: string;
  let server: ServerChild;
  let port: number;
  /** A table whose t-SNE runs for minutes: jobs that stay queued or running while a test looks. */
  let slowTable: string;

  /** A request from a given loopback address; the response as it starts (headers), body unread. */
  const open = (from: string, method: string, path: string, options: { token?: string; body?: string; type?: string } = {}) =>
    new Promise<IncomingMessage>((resolve, reject) => {
      const headers: Record<string, string> = { authorization: `Bearer ${options.token ?? TEST_OWNER_TOKEN}` };
      if (options.body !== undefined) headers['content-type'] = options.type ?? 'application/json';
      const req = request({ host: '127.0.0.1', port, localAddress: from, method, path, headers }, resolve);
      req.on('error', reject);
      req.end(options.body);
    });
  const read = (res: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      res.on('error', reject);
    });
  const call = async (from: string, method: string, path: string, options: { token?: string; body?: string; type?: string } = {}): Promise<Reply> => {
    const res = await open(from, method, path, options);
    return { status: res.statusCode!, headers: res.headers, text: await read(res) };
  };
  const json = <T>(reply: Reply) => JSON.parse(reply.text) as T;
  const errorOf = (reply: Reply) => json<{ error: { code: string; message: string } }>(reply).error;
  const upload = async (csv: string, name: string) => {
    const reply = await call('127.0.0.1', 'POST', `/api/datasets?name=${name}`, { body: csv, type: 'text/csv' });
    expect(reply.status, reply.text).toBe(201);
    return json<{ id: string }>(reply).id;
  };
  const analyse = (from: string, datasetId: string, params: object, token?: string) =>
    call(from, 'POST', `/api/datasets/${datasetId}/analyses`, { body: JSON.stringify(params), token });
  const cancel = (id: string) => call('127.0.0.1', 'DELETE', `/api/analyses/${id}`);

  beforeAll(async () => {
    dir = await tempDataDir();
    server = await startServerChild(dir, LIMITS);
    port = Number(new URL(server.url).port);
    slowTable = await upload(mixtureToCsv(generateMixture({ rows: 5_000, seed: 15 })), 'slow');
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await removeDir(dir);
  });

  it('column names: a 40 MB JSON key or a 257-character header gets 400 naming the limit, nothing is kept, and the dataset list stays small', async () => {
    const listBefore = await call('127.0.0.1', 'GET', '/api/datasets');
    const key = 'k'.repeat(40 * 2 ** 20);
    const upload = () => call('127.0.0.1', 'POST', '/api/datasets?name=long-key', { body: `[{"a":1,"${key}":2}]` });
    // The first 40 MB upload of a fresh server (any, a valid one too) leaves its ingest worker's
    // allocator some 30–70 MB larger for good; measured from there, the next does not add up.
    expect((await upload()).status).toBe(400);
    await new Promise((r) => setTimeout(r, 2_000)); // its worker's memory handed back
    const before = await rssBytes(server.child.pid!);
    const json = await upload();
    expect(json.status).toBe(400);
    expect(errorOf(json)).toMatchObject({ code: 'column_name_too_long' });
    expect(errorOf(json).message).toMatch(/Column 2's name is 41,943,040 characters long .*at most 256 characters/);
    expect(json.text.length).toBeLessThan(1_000);
    const csv = await call('127.0.0.1', 'POST', '/api/datasets?name=long-header', { body: `a,${'h'.repeat(257)}\n1,2\n`, type: 'text/csv' });
    expect(csv.status).toBe(400);
    expect(errorOf(csv).message).toMatch(/Column 2's name is 257 characters long/);
    // Nothing half-written: the list is as it was, and no dataset directory or upload is left.
    const listAfter = await call('127.0.0.1', 'GET', '/api/datasets');
    expect(listAfter.text).toBe(listBefore.text);
    expect((await readdir(join(dir, 'datasets'))).filter((name) => name.startsWith('.tmp-'))).toEqual([]);
    expect(await readdir(join(dir, 'uploads')).catch(() => [])).toEqual([]);
    const after = await settledRss(server.child.pid!, before * MEMORY_SLACK);
    expect(after, `RSS ${mb(before)} → ${mb(after)}`).toBeLessThanOrEqual(before * MEMORY_SLACK);
  });

  it('rows: a page over 250,000 cells gets 413 naming the limit; health answers while the largest allowed page streams; memory returns', async () => {
    // 1,000 rows × 500 columns: a full page (limit 10,000 → 1,000 rows) is 500,000 cells.
    const header = Array.from({ length: 500 }, (_, j) => `c${j}`).join(',');
    const lines = Array.from({ length: 1_000 }, (_, i) => Array.from({ length: 500 }, (_, j) => (i * 7 + j * 13) % 1_000).join(','));
    const wide = await upload(`${header}\n${lines.join('\n')}\n`, 'wide');
    // The starting level is that of a server that has served one largest page already: the
    // question is whether pages pile up, not whether the first one sizes the heap.
    expect((await call('127.0.0.1', 'GET', `/api/datasets/${wide}/rows?limit=500`)).status).toBe(200);
    const before = await rssBytes(server.child.pid!);

    const refused = await call('127.0.0.1', 'GET', `/api/datasets/${wide}/rows?limit=10000`);
    expect(refused.status).toBe(413);
    expect(errorOf(refused).code).toBe('too_many_cells');
    expect(errorOf(refused).message).toMatch(/at most 250,000 cells .*1,000 rows × 500 columns .*at most 500 rows at a time/);

    for (let round = 0; round < 3; round++) {
      const finished: string[] = [];
      // The largest page allowed: 500 rows × 500 columns. Health is asked once its answer has begun.
      const heavy = await open('127.0.0.1', 'GET', `/api/datasets/${wide}/rows?offset=${round * 250}&limit=500`);
      expect(heavy.statusCode).toBe(200);
      const body = read(heavy).then((text) => (finished.push('rows'), text));
      const health = call('127.0.0.1', 'GET', '/api/health').then((reply) => (finished.push('health'), reply));
      const [page, ok] = await Promise.all([body, health]);
      expect(ok.status).toBe(200);
      expect(finished).toEqual(['health', 'rows']);
      const { rows, total } = JSON.parse(page) as { rows: Record<string, number>[]; total: number };
      expect(total).toBe(1_000);
      expect(rows).toHaveLength(500);
      expect(Object.keys(rows[0])).toHaveLength(500);
      expect(rows[499].c3).toBe(((round * 250 + 499) * 7 + 3 * 13) % 1_000);
    }
    const after = await settledRss(server.child.pid!, before * MEMORY_SLACK);
    expect(after, `RSS ${mb(before)} → ${mb(after)}`).toBeLessThanOrEqual(before * MEMORY_SLACK);
  });

  it('event streams: capped per client address and per analysis with 429 + Retry-After; a closed stream frees its seat; memory returns', async () => {
    const started = await analyse('127.0.0.1', slowTable, { reduction: { method: 'tsne' }, seed: 21 });
    expect(started.status).toBe(202);
    const { id } = json<{ id: string }>(started);
    const path = `/api/analyses/${id}/events`;
    const before = await rssBytes(server.child.pid!);

    const streams: IncomingMessage[] = [];
    for (let i = 0; i < 3; i++) streams.push(await open('127.0.0.1', 'GET', path));
    expect(streams.map((s) => s.statusCode)).toEqual([200, 200, 200]);
    const texts = streams.map((s) => read(s));

    // The fourth from the same client is refused.
    const fromSame = await call('127.0.0.1', 'GET', path);
    expect(fromSame.status).toBe(429);
    expect(fromSame.headers['retry-after']).toBe('10');
    expect(errorOf(fromSame)).toMatchObject({ code: 'too_many_streams' });
    expect(errorOf(fromSame).message).toMatch(/This client already has 3 .*at most 3/);

    // Another client takes the analysis' last seat; a third client finds it full.
    const other = await open('127.0.0.2', 'GET', path);
    expect(other.statusCode).toBe(200);
    const otherText = read(other);
    const full = await call('127.0.0.3', 'GET', path);
    expect(full.status).toBe(429);
    expect(errorOf(full).message).toMatch(/This analysis already has 4 event streams open; at most 4/);

    // Closing one frees its seat (the server sees the socket close).
    streams[0].destroy();
    let reopened: IncomingMessage | null = null;
    for (let attempt = 0; attempt < 50 && !reopened; attempt++) {
      const res = await open('127.0.0.3', 'GET', path);
      if (res.statusCode === 200) reopened = res;
      else {
        await read(res);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    expect(reopened?.statusCode).toBe(200);
    const reopenedText = read(reopened!);

    // Cancelling ends every open stream with the final event.
    expect((await cancel(id)).status).toBe(200);
    for (const text of [texts[1], texts[2], otherText, reopenedText]) {
      const events = (await text)
        .split('\n\n')
        .map((block) => block.split('\n').find((l) => l.startsWith('data: ')))
        .filter((l): l is string => l !== undefined)
        .map((l) => JSON.parse(l.slice(6)) as AnalysisEvent);
      expect(events[0].type).toBe('progress');
      expect(events.at(-1)).toMatchObject({ type: 'failed', analysis: { status: 'cancelled' } });
    }
    // Every seat is free again: a stream of the (now finished) analysis answers at once.
    const late = await call('127.0.0.1', 'GET', path);
    expect(late.status).toBe(200);
    expect(late.text).toMatch(/^event: failed\n/);
    const after = await settledRss(server.child.pid!, before * MEMORY_SLACK);
    expect(after, `RSS ${mb(before)} → ${mb(after)}`).toBeLessThanOrEqual(before * MEMORY_SLACK);
  });

  it('queue: a requester past its places and everyone past the total get 429 + Retry-After; a repeat is no new place; cancelling frees places', async () => {
    const session = async () => {
      const reply = await call('127.0.0.1', 'POST', '/api/sessions', { body: JSON.stringify({ datasetId: slowTable }) });
      expect(reply.status, reply.text).toBe(201);
      return json<{ editToken: string }>(reply).editToken;
    };
    const [editorA, editorB] = [await session(), await session()];
    const before = await rssBytes(server.child.pid!);
    const pca = (seed: number) => ({ reduction: { method: 'pca' }, clustering: { method: 'kmeans', k: 3 }, seed });

    const heavy = await analyse('127.0.0.1', slowTable, { reduction: { method: 'tsne' }, seed: 31 });
    expect(heavy.status).toBe(202);
    const waiting = await analyse('127.0.0.1', slowTable, pca(32));
    expect(waiting.status).toBe(202);
    expect(json<{ status: string }>(waiting).status).toBe('queued');

    // The owner holds 2 places (running + queued): a third is refused, a repeat joins its job.
    const third = await analyse('127.0.0.1', slowTable, pca(33));
    expect(third.status).toBe(429);
    expect(third.headers['retry-after']).toBe('30');
    expect(errorOf(third)).toMatchObject({ code: 'queue_full' });
    expect(errorOf(third).message).toMatch(/You already have 2 analyses queued or running; at most 2/);
    const repeat = await analyse('127.0.0.1', slowTable, pca(32));
    expect(repeat.status).toBe(200);
    expect(json<{ existing: boolean }>(repeat).existing).toBe(true);

    // Another requester takes the last place of the server; a third finds the queue full.
    const fromEditor = await analyse('127.0.0.2', slowTable, pca(34), editorA);
    expect(fromEditor.status, fromEditor.text).toBe(202);
    const overTotal = await analyse('127.0.0.3', slowTable, pca(35), editorB);
    expect(overTotal.status).toBe(429);
    expect(errorOf(overTotal).message).toMatch(/The server has 3 analyses queued or running; at most 3/);
    expect((await call('127.0.0.3', 'GET', '/api/health')).status).toBe(200);

    // Cancelling the heavy job frees its place at once; the queued ones run and free theirs.
    expect((await cancel(json<{ id: string }>(heavy).id)).status).toBe(200);
    const again = await analyse('127.0.0.1', slowTable, pca(33));
    expect(again.status, again.text).toBe(202);
    for (const reply of [waiting, fromEditor, again]) {
      const { id } = json<{ id: string }>(reply);
      const events = await read(await open('127.0.0.1', 'GET', `/api/analyses/${id}/events`));
      expect(events).toMatch(/event: done\n/);
    }
    const after = await settledRss(server.child.pid!, before * MEMORY_SLACK);
    expect(after, `RSS ${mb(before)} → ${mb(after)}`).toBeLessThanOrEqual(before * MEMORY_SLACK);
  });
});
