import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile, stat, truncate, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as Y from 'yjs';
import { initSessionDoc, readMeta, readAnnotations, addAnnotation, setFilter, readFilters } from '../../../shared/session/index.ts';
import { CLOSE } from '../../../server/collab/index.ts';
import { SessionStorage } from '../../../server/collab/session-storage.ts';
import { parseFrames } from '../../../server/collab/log-frames.ts';
import {
  connectClient,
  startCollabServer,
  tempDataDir,
  waitFor,
  whenSynced,
  type SessionTokens,
  type TestServer,
} from '../../support/collab-harness.ts';

const SESSION = 'session-persist-01';
const tokens: SessionTokens = { edit: 'edit-token-eeeeeeeeeeee', view: 'view-token-ffffffffffff' };
const sessions = new Map([[SESSION, tokens]]);
let server: TestServer | null = null;
let data: Awaited<ReturnType<typeof tempDataDir>>;
const sessionDir = () => join(data.dir, 'sessions', SESSION);

beforeEach(async () => {
  data = await tempDataDir();
});

afterEach(async () => {
  await server?.close();
  server = null;
  await data.remove();
});

const notes = (doc: Y.Doc) => readAnnotations(doc).map((n) => n.text).sort();

describe('session persistence', () => {
  it('keeps every edit across a restart, from the log and after compaction', async () => {
    const compacting = await startCollabServer(data.dir, sessions, { compactAfterBytes: 2048 });
    server = compacting;
    await server.collab.createSessionDocument(SESSION, (doc) => initSessionDoc(doc, { datasetId: 'cars0001', title: 'Cars' }));
    const client = connectClient(server.wsBase, SESSION, tokens.edit);
    await whenSynced(client);
    const expected: string[] = [];
    for (let i = 0; i < 60; i++) {
      expected.push(`note ${String(i).padStart(2, '0')}`);
      addAnnotation(client.doc, { rowIndex: i, text: expected[i], author: 'A', color: '#abcdef' });
    }
    setFilter(client.doc, { kind: 'anomaly', min: 0.5, max: 1, enabled: true, author: 'A' });
    let copy: string[] = [];
    // withDocument resolves once what the document holds is durable.
    await waitFor(async () => (copy = await compacting.collab.withDocument(SESSION, notes)).length >= 60, 20_000, 'all 60 notes on the server');
    expect(copy).toEqual(expected);
    // The log passed the threshold: a state file exists and the log was emptied. Compaction runs
    // after the batch that crossed the threshold is acknowledged, so it may still be under way.
    const logBytes = () => stat(join(sessionDir(), 'ydoc.log')).then((s) => s.size);
    await waitFor(async () => (await logBytes()) < 2048, 20_000, 'compaction');
    expect(await logBytes()).toBeLessThan(2048);
    const stateBytes = (await stat(join(sessionDir(), 'ydoc.state'))).size;
    expect(stateBytes).toBeGreaterThan(0);
    client.destroy();
    await server.close();

    server = await startCollabServer(data.dir, sessions);
    const again = connectClient(server.wsBase, SESSION, tokens.view);
    try {
      await whenSynced(again);
      expect(notes(again.doc)).toEqual(expected);
      expect(readFilters(again.doc)).toMatchObject([{ kind: 'anomaly', min: 0.5 }]);
    } finally {
      again.destroy();
    }
  });

  it('seeds a stored-nothing session from loadInitialState, once, and stores the seed', async () => {
    let calls = 0;
    const seed = new Y.Doc();
    initSessionDoc(seed, { datasetId: 'seeded01', title: 'Seeded' });
    server = await startCollabServer(data.dir, sessions, {
      loadInitialState: async () => {
        calls++;
        return Y.encodeStateAsUpdate(seed);
      },
    });
    const client = connectClient(server.wsBase, SESSION, tokens.view);
    try {
      await whenSynced(client);
      await waitFor(() => readMeta(client.doc).title === 'Seeded', 5000, 'seeded document');
    } finally {
      client.destroy();
    }
    await server.close();
    server = await startCollabServer(data.dir, sessions, { loadInitialState: async () => (calls++, null) });
    expect(await server.collab.withDocument(SESSION, (doc) => readMeta(doc).datasetId)).toBe('seeded01');
    expect(calls).toBe(1);
  });

  it('ignores a torn tail of the log and keeps appending after the good records', async () => {
    // Write a state and three logged updates the way the server does, then tear the last one.
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => updates.push(u));
    initSessionDoc(source, { datasetId: 'weather01', title: 'Weather' });
    for (const text of ['first', 'second', 'third']) addAnnotation(source, { rowIndex: 1, text, author: 'A', color: '#000000' });
    const { storage } = await SessionStorage.open(sessionDir());
    await storage.compact(updates[0]);
    await storage.append(updates.slice(1));
    await storage.close();
    const logPath = join(sessionDir(), 'ydoc.log');
    const full = (await stat(logPath)).size;
    await truncate(logPath, full - 3);

    server = await startCollabServer(data.dir, sessions);
    expect(await server.collab.withDocument(SESSION, notes)).toEqual(['first', 'second']);
    expect((await stat(logPath)).size).toBeLessThan(full - 3); // the torn record was cut off
    await server.collab.withDocument(SESSION, (doc) => addAnnotation(doc, { rowIndex: 2, text: 'fourth', author: 'S', color: '#000000' }));
    await server.close();
    server = await startCollabServer(data.dir, sessions);
    expect(await server.collab.withDocument(SESSION, notes)).toEqual(['first', 'fourth', 'second']);
  });

  it('refuses to load a damaged state file instead of silently dropping history', async () => {
    server = await startCollabServer(data.dir, sessions);
    await server.collab.createSessionDocument(SESSION, (doc) => initSessionDoc(doc, { datasetId: 'cars0001' }));
    await server.close();
    const statePath = join(sessionDir(), 'ydoc.state');
    const bytes = await readFile(statePath);
    expect(bytes.length).toBeGreaterThan(8);
    bytes[bytes.length - 1] ^= 0xff;
    const { writeFile } = await import('node:fs/promises');
    await writeFile(statePath, bytes);
    server = await startCollabServer(data.dir, sessions);
    await expect(server.collab.withDocument(SESSION, () => 1)).rejects.toMatchObject({ code: 'corrupt_state' });
  });

  it('unloads idle rooms into a compacted state, and deleting a session disconnects and removes it', async () => {
    server = await startCollabServer(data.dir, sessions, { unloadAfterMs: 50 });
    await server.collab.createSessionDocument(SESSION, (doc) => initSessionDoc(doc, { datasetId: 'cars0001' }));
    const client = connectClient(server.wsBase, SESSION, tokens.edit);
    await whenSynced(client);
    addAnnotation(client.doc, { rowIndex: 3, text: 'kept', author: 'A', color: '#111111' });
    await waitFor(() => (server!.collab.stats().rooms === 1), 5000);
    await new Promise((r) => setTimeout(r, 50));
    client.provider.disconnect();
    await waitFor(() => server!.collab.stats().rooms === 0, 5000, 'idle unload');
    expect((await stat(join(sessionDir(), 'ydoc.log'))).size).toBe(0);
    expect(await server.collab.withDocument(SESSION, notes)).toEqual(['kept']);

    const closed = new Promise<number>((resolve) => client.provider.on('closed', (e) => resolve(e.code)));
    client.provider.connect();
    await whenSynced(client);
    await server.collab.deleteSession(SESSION);
    expect(await closed).toBe(CLOSE.sessionDeleted);
    client.destroy();
    expect(await readdir(join(data.dir, 'sessions'))).toEqual([]);
  });
});

describe('log framing', () => {
  it('detects a corrupt record by its checksum', async () => {
    const { encodeFrames } = await import('../../../server/collab/log-frames.ts');
    const frames = encodeFrames([new Uint8Array([1, 2, 3]), new Uint8Array([4, 5])]);
    expect(parseFrames(frames).payloads.map((p) => [...p])).toEqual([[1, 2, 3], [4, 5]]);
    frames[frames.length - 1] ^= 1;
    expect(parseFrames(frames)).toMatchObject({ validBytes: 11 });
    expect(parseFrames(frames.subarray(0, 5)).validBytes).toBe(0);
  });
});
