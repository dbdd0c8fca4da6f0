import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { initialAwarenessState } from '../../../shared/session/index.ts';
import { connectClient, tempDataDir, startCollabServer, waitFor, whenSynced, type SessionTokens, type TestClient, type TestServer } from '../../support/collab-harness.ts';
import { REDIS_MISSING, startRedisServer, type RedisServer } from '../../support/redis-server.ts';
import { startServerChild } from '../../support/server-process.ts';
import Redis from 'ioredis';
import { createRedisRooms } from '../../../server/collab/redis/index.ts';
import { roomKeys } from '../../../server/collab/redis/room-keys.ts';
import { CLOSE } from '../../../server/collab/index.ts';

/**
 * The Redis backend under two collab servers in this process (cheaper than two server
 * processes, same Redis and same code path below the HTTP app): what crosses processes besides
 * edits and presence (a deletion, a refused server-owned write), and the check of Redis' settings.
 */
if (REDIS_MISSING) console.warn(`Redis rooms backend: ${REDIS_MISSING}`);
const describeWithRedis = REDIS_MISSING ? describe.skip : describe;

const SESSION = 'redis-backend-01';
const TOKENS: SessionTokens = { edit: 'redis-backend-edit-token-0001', view: 'redis-backend-view-token-0001' };
const FILES_FIRST = 'files-first-01';
const CAPPED = 'size-capped-01';
const PRESENCE_ONLY = 'presence-only-01';
const SESSIONS = new Map([[SESSION, TOKENS], [FILES_FIRST, TOKENS], [CAPPED, TOKENS], [PRESENCE_ONLY, TOKENS]]);

describeWithRedis(`the Redis rooms backend${REDIS_MISSING ? ` (${REDIS_MISSING})` : ''}`, () => {
  let redis: RedisServer;
  let data: Awaited<ReturnType<typeof tempDataDir>>;
  const servers: TestServer[] = [];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    data = await tempDataDir();
    for (let i = 0; i < 2; i++) {
      const backend = await createRedisRooms({ url: redis.url, onError: () => undefined });
      servers.push(await startCollabServer(data.dir, SESSIONS, { backend }));
    }
  });

  afterAll(async () => {
    for (const c of clients) c.destroy();
    for (const s of servers) await s.close();
    await redis?.stop();
    await data?.remove();
  });

  const join = (server: number): TestClient => {
    const client = connectClient(servers[server].wsBase, SESSION, TOKENS.edit);
    clients.push(client);
    return client;
  };

  it('refuses an editor\'s write to server-owned meta on its process; the other process never sees it', async () => {
    const [a, b] = [join(0), join(1)];
    await Promise.all([whenSynced(a), whenSynced(b)]);
    const closes: number[] = [];
    b.provider.on('closed', (event: { code: number }) => closes.push(event.code));
    b.doc.getMap('meta').set('analysisId', 'not-through-the-api');
    a.doc.getMap('notes').set('after', 1);
    await waitFor(() => closes.length > 0, 10_000, 'the writer to be closed');
    expect(closes).toEqual([CLOSE.forbidden]);
    const fresh = join(0);
    await whenSynced(fresh);
    expect(fresh.doc.getMap('notes').get('after')).toBe(1);
    expect(fresh.doc.getMap('meta').has('analysisId')).toBe(false);
    expect(a.doc.getMap('meta').has('analysisId')).toBe(false);
  });

  it('keeps the presence of a client that moved to the other process when its old connection leaves', async () => {
    const [old, watcher0, observer1] = [join(0), join(0), join(1)];
    await Promise.all([old, watcher0, observer1].map((c) => whenSynced(c)));
    const id = old.doc.clientID;
    const state = (name: string) => initialAwarenessState(name, '#336699', 'desktop');
    old.provider.awareness.setLocalState(state('before the move'));
    await waitFor(() => observer1.provider.awareness.getStates().get(id)?.name === 'before the move', 10_000, 'the old presence on process 1');
    // The same participant (same client id) now on process 1, its old connection still open.
    const moved = new Y.Doc();
    moved.clientID = id;
    const provider = new WebsocketProvider(servers[1].wsBase, SESSION, moved, { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true, params: { token: TOKENS.edit } });
    clients.push({ doc: moved, provider, destroy: () => (provider.destroy(), moved.destroy()) });
    // A reconnecting provider keeps its awareness clock; this fresh one passes the old clock first.
    for (let i = 0; i < 3; i++) provider.awareness.setLocalState(state('after the move'));
    await waitFor(() => observer1.provider.awareness.getStates().get(id)?.name === 'after the move', 10_000, 'the new presence on process 1');
    // The old connection leaves: process 0 removes the id and publishes the removal...
    const removedOn0 = new Promise<void>((resolve) => watcher0.provider.awareness.on('change', ({ removed }: { removed: number[] }) => removed.includes(id) && resolve()));
    old.destroy();
    await removedOn0;
    // ...which process 1 reads before this later marker from process 0, and must not apply.
    watcher0.provider.awareness.setLocalState(state('marker'));
    await waitFor(() => observer1.provider.awareness.getStates().get(watcher0.doc.clientID)?.name === 'marker', 10_000, 'the marker on process 1');
    expect(observer1.provider.awareness.getStates().get(id)?.name).toBe('after the move');
  });

  it('holds the document size cap across processes: what one process stored counts on the other', async () => {
    const capped: TestServer[] = [];
    for (let i = 0; i < 2; i++) {
      const backend = await createRedisRooms({ url: redis.url, onError: () => undefined });
      capped.push(await startCollabServer(data.dir, SESSIONS, { backend, maxDocumentBytes: 8 * 1024 }));
    }
    servers.push(...capped);
    const [a, b] = capped.map((server) => {
      const client = connectClient(server.wsBase, CAPPED, TOKENS.edit);
      clients.push(client);
      return client;
    });
    await Promise.all([whenSynced(a), whenSynced(b)]);
    a.doc.getMap('notes').set('first', 'x'.repeat(5 * 1024));
    await waitFor(() => b.doc.getMap('notes').has('first'), 10_000, 'the first write on the other process');
    const closes: number[] = [];
    b.provider.on('closed', (event: { code: number }) => closes.push(event.code));
    // Alone it would fit; with what process 0 stored it passes 8 KiB.
    b.doc.getMap('notes').set('second', 'y'.repeat(5 * 1024));
    await waitFor(() => closes.length > 0, 10_000, 'the over-cap writer to be closed');
    expect(closes).toEqual([CLOSE.documentTooLarge]);
    expect(a.doc.getMap('notes').has('second')).toBe(false);
  });

  it('keeps the stream trimmed when only presence flows through a single process', async () => {
    const backend = await createRedisRooms({ url: redis.url, compactAfterBytes: 2048, keepTailMs: 0, onError: () => undefined });
    const single = await startCollabServer(data.dir, SESSIONS, { backend });
    servers.push(single);
    const headset = connectClient(single.wsBase, PRESENCE_ONLY, TOKENS.view);
    clients.push(headset);
    await whenSynced(headset);
    for (let i = 0; i < 300; i++) {
      headset.provider.awareness.setLocalState({ ...initialAwarenessState('headset', '#336699', 'vr'), hovered: i });
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const check = new Redis(redis.url);
    try {
      const keys = roomKeys(PRESENCE_ONLY);
      await waitFor(async () => (await check.hexists(keys.snapshot, 'upto')) === 1 && (await check.xlen(keys.stream)) < 100, 10_000, 'the presence stream to be trimmed');
    } finally {
      check.disconnect();
    }
  });

  it('closes the clients on every process when one process deletes the session, and loads it nowhere again', async () => {
    const onOther = join(1);
    await whenSynced(onOther);
    const closes: number[] = [];
    onOther.provider.on('closed', (event: { code: number }) => closes.push(event.code));
    await servers[0].collab.deleteSession(SESSION);
    await waitFor(() => closes.length > 0, 10_000, 'the other process to close its client');
    expect(closes).toEqual([CLOSE.sessionDeleted]);
    const late = join(1);
    const lateCloses: number[] = [];
    late.provider.on('closed', (event: { code: number }) => lateCloses.push(event.code));
    await waitFor(() => lateCloses.length > 0, 10_000, 'a new connection to be refused');
    expect(lateCloses).toEqual([CLOSE.sessionDeleted]);
  });

  it('takes over a document kept in files before REDIS_URL was set, once', async () => {
    const id = FILES_FIRST;
    const embedded = await startCollabServer(data.dir, SESSIONS);
    await embedded.collab.createSessionDocument(id, (doc) => doc.getMap('notes').set('kept', 'in files'));
    await embedded.collab.withDocument(id, (doc) => doc.getMap('notes').set('and', 'in the log'));
    await embedded.close();

    const backend = await createRedisRooms({ url: redis.url, importFromDataDir: data.dir, onError: () => undefined });
    const shared = await startCollabServer(data.dir, SESSIONS, { backend });
    servers.push(shared);
    const client = connectClient(shared.wsBase, id, TOKENS.edit);
    clients.push(client);
    await whenSynced(client);
    expect(client.doc.getMap('notes').toJSON()).toEqual({ kept: 'in files', and: 'in the log' });
    // On another process (no import configured), the room now comes from Redis.
    const other = connectClient(servers[1].wsBase, id, TOKENS.edit);
    clients.push(other);
    await whenSynced(other);
    expect(other.doc.getMap('notes').get('kept')).toBe('in files');
  });

  it('refuses a Redis that evicts or keeps no AOF, and warns about appendfsync everysec', async () => {
    const evicting = await startRedisServer(['--maxmemory-policy', 'allkeys-lru']);
    const relaxed = await startRedisServer(['--appendfsync', 'everysec']);
    try {
      await expect(createRedisRooms({ url: evicting.url })).rejects.toMatchObject({ code: 'redis_unsafe_config', message: expect.stringMatching(/maxmemory-policy is allkeys-lru.*noeviction/) });
      const warnings: string[] = [];
      const backend = await createRedisRooms({ url: relaxed.url, warn: (m) => warnings.push(m) });
      await backend.close();
      expect(warnings).toEqual([expect.stringMatching(/appendfsync is everysec.*power loss/)]);
    } finally {
      await evicting.stop();
      await relaxed.stop();
    }
  });

  it('says clearly when nothing answers at REDIS_URL, and `npm start` stops with that sentence', async () => {
    await expect(createRedisRooms({ url: 'redis://127.0.0.1:1', connectTimeoutMs: 2_000 })).rejects.toMatchObject({ code: 'redis_unreachable' });
    const dir = await tempDataDir();
    try {
      await expect(startServerChild(dir.dir, { REDIS_URL: 'redis://:secret@127.0.0.1:1' })).rejects.toThrow(/exited early \(2\): .*Cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1/s);
    } finally {
      await dir.remove();
    }
  });
});
