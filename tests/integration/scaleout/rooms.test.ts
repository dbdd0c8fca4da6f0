import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Redis from 'ioredis';
import { connectClient, waitFor, whenSynced, type TestClient } from '../../support/collab-harness.ts';
import { REDIS_MISSING } from '../../support/redis-server.ts';
import { startScaleoutCluster, type ScaleoutCluster } from '../../support/scaleout-cluster.ts';
import { initialAwarenessState } from '../../../shared/session/index.ts';
import { roomKeys } from '../../../server/collab/redis/room-keys.ts';

/**
 * Issue 14, rooms: two real server processes (REDIS_URL set, one DATA_DIR) and one real
 * redis-server, stock y-websocket clients on both. Small compaction threshold and no kept tail,
 * so the burst below crosses many compactions.
 */
// Each y-websocket provider in Node adds a process 'exit' listener.
process.setMaxListeners(64);
if (REDIS_MISSING) console.warn(`Yjs rooms on Redis Streams: ${REDIS_MISSING}`);
const describeWithRedis = REDIS_MISSING ? describe.skip : describe;

let cluster: ScaleoutCluster;
let redis: Redis;
const clients: TestClient[] = [];

function join(server: number, token: 'edit' | 'view'): TestClient {
  const client = connectClient(cluster.wsBase(server), cluster.session.id, token === 'edit' ? cluster.session.editToken : cluster.session.viewToken);
  clients.push(client);
  return client;
}

function leave(client: TestClient): void {
  client.destroy();
  clients.splice(clients.indexOf(client), 1);
}

/** Points a client at another server, as a load balancer would after a process died. */
function moveTo(client: TestClient, server: number): void {
  client.provider.serverUrl = cluster.wsBase(server);
}

const marks = (client: TestClient) => client.doc.getMap<number>('scaleout');

describeWithRedis(`Yjs rooms on Redis Streams across two processes${REDIS_MISSING ? ` (${REDIS_MISSING})` : ''}`, () => {
  beforeAll(async () => {
    cluster = await startScaleoutCluster(2, { REDIS_COMPACT_AFTER_KB: '16', REDIS_STREAM_TAIL_S: '0' });
    redis = new Redis(cluster.redis.url, { maxRetriesPerRequest: null });
    // Refused connections while the last test has Redis down are expected.
    redis.on('error', () => undefined);
  });

  afterAll(async () => {
    for (const client of [...clients]) leave(client);
    redis?.disconnect();
    await cluster?.close();
  });

  it('relays an edit from a writer on one process to clients on the other, both ways', async () => {
    const [a, b] = [join(0, 'edit'), join(1, 'edit')];
    await Promise.all([whenSynced(a), whenSynced(b)]);
    // The session document the API created on process 0 reached process 1 through Redis.
    expect(b.doc.getMap('meta').get('title')).toBe('scale-out');
    marks(a).set('from-0', 1);
    marks(b).set('from-1', 1);
    await waitFor(() => marks(b).get('from-0') === 1 && marks(a).get('from-1') === 1, 10_000, 'edits to cross processes');
    leave(a);
    leave(b);
  });

  it('carries presence both ways, a graceful leave to both processes, and a viewer\'s presence but never its edits', async () => {
    const [editor, watcher0, viewer] = [join(0, 'edit'), join(0, 'view'), join(1, 'view')];
    await Promise.all([editor, watcher0, viewer].map((c) => whenSynced(c)));
    editor.provider.awareness.setLocalState(initialAwarenessState('editor', '#336699', 'desktop'));
    viewer.provider.awareness.setLocalState(initialAwarenessState('viewer', '#996633', 'vr'));
    const sees = (who: TestClient, whom: TestClient) => who.provider.awareness.getStates().get(whom.doc.clientID);
    await waitFor(() => sees(viewer, editor) !== undefined && sees(editor, viewer) !== undefined && sees(watcher0, viewer) !== undefined, 10_000, 'presence both ways');
    // The role comes from the viewer's token on process 1, and stays so on process 0.
    expect(sees(editor, viewer)?.role).toBe('viewer');
    expect(sees(viewer, editor)?.role).toBe('editor');

    // A viewer's edit is dropped on its process; its next presence (same connection, later) proves it was read.
    marks(viewer).set('viewer-wrote', 1);
    viewer.provider.awareness.setLocalStateField('hovered', 7);
    await waitFor(() => sees(editor, viewer)?.hovered === 7, 10_000, 'the viewer\'s later presence');
    expect(marks(editor).has('viewer-wrote')).toBe(false);

    // A graceful leave: the event reaches a client on each process.
    const left = (observer: TestClient, id: number) =>
      new Promise<void>((resolve) =>
        observer.provider.awareness.on('change', ({ removed }: { removed: number[] }) => removed.includes(id) && resolve()),
      );
    const editorId = editor.doc.clientID;
    const gone = Promise.all([left(viewer, editorId), left(watcher0, editorId)]);
    leave(editor);
    await gone;
    expect(viewer.provider.awareness.getStates().has(editorId)).toBe(false);
    expect(watcher0.provider.awareness.getStates().has(editorId)).toBe(false);

    // Nor did the viewer's edit reach storage: a fresh client loading from Redis lacks it.
    const fresh = join(1, 'edit');
    await whenSynced(fresh);
    expect(marks(fresh).has('viewer-wrote')).toBe(false);
    for (const c of [watcher0, viewer, fresh]) leave(c);
  });

  it('gets every insert of 50 writers on both processes to every client; a late joiner gets all 10,000; the stream stays trimmed', async () => {
    const writers = Array.from({ length: 50 }, (_, i) => join(i % 2, 'edit'));
    await Promise.all(writers.map((c) => whenSynced(c)));
    const perWriter = 200;
    // Each writer's 200 updates fit its connection's burst (1000 messages): sent at once.
    writers.forEach((w, i) => {
      for (let j = 0; j < perWriter; j++) marks(w).set(`w${i}-${j}`, j);
    });
    const total = writers.length * perWriter;
    const count = (c: TestClient) => [...marks(c).keys()].filter((k) => k.startsWith('w')).length;
    await waitFor(() => writers.every((w) => count(w) === total), 60_000, 'every insert at every writer');

    const late = join(1, 'view');
    await whenSynced(late);
    expect(count(late)).toBe(total);

    // Compactions ran as queue jobs: a snapshot exists and the stream holds a short tail, not 10,000 entries.
    const keys = roomKeys(cluster.session.id);
    await waitFor(async () => (await redis.xlen(keys.stream)) < 1_000, 20_000, 'the stream to be trimmed');
    expect(await redis.hexists(keys.snapshot, 'state')).toBe(1);
    for (const c of [...writers, late]) leave(c);
  });

  it('loses nothing relayed when a process is SIGKILLed mid-burst: its clients move to the other, all present after a full restart', async () => {
    const writers = [join(0, 'edit'), join(0, 'edit'), join(1, 'edit'), join(1, 'edit')];
    const reader0 = join(0, 'view');
    await Promise.all([...writers, reader0].map((c) => whenSynced(c)));
    let killed = false;
    const burst = writers.map(async (w, i) => {
      for (let j = 0; j < 150; j++) {
        marks(w).set(`k${i}-${j}`, j);
        if (i === 2 && j === 60 && !killed) {
          killed = true;
          await cluster.servers[1].kill();
          for (const c of writers.slice(2)) moveTo(c, 0);
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    });
    await Promise.all(burst);
    // What reader0 saw relayed before the kill is everything it may have; all of it (and the
    // writers' own, re-sent on reconnect) must be everywhere.
    const all = (c: TestClient) => [...marks(c).keys()].filter((k) => k.startsWith('k')).length;
    await waitFor(() => [...writers, reader0].every((c) => all(c) === 600), 30_000, 'all 600 inserts everywhere');

    for (const c of [...writers, reader0]) leave(c);
    await cluster.servers[0].stop();
    await cluster.restart(0);
    await cluster.restart(1);
    const fresh = join(1, 'view');
    await whenSynced(fresh);
    expect(all(fresh)).toBe(600);
    leave(fresh);
  });

  it('rides out a SIGKILLed redis-server: the servers reconnect without dropping clients, and clients converge', async () => {
    const [w0, w1] = [join(0, 'edit'), join(1, 'edit')];
    await Promise.all([whenSynced(w0), whenSynced(w1)]);
    const closes: number[] = [];
    for (const c of [w0, w1]) c.provider.on('connection-close', () => closes.push(1));
    const burst = [w0, w1].map(async (w, i) => {
      for (let j = 0; j < 100; j++) {
        marks(w).set(`r${i}-${j}`, j);
        if (i === 0 && j === 40) {
          await cluster.redis.kill();
          setTimeout(() => void cluster.redis.restart(), 300);
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    });
    await Promise.all(burst);
    const all = (c: TestClient) => [...marks(c).keys()].filter((k) => k.startsWith('r')).length;
    await waitFor(() => all(w0) === 200 && all(w1) === 200, 30_000, 'both writers to converge after Redis came back');
    expect(closes).toEqual([]);
    const fresh = join(0, 'view');
    await whenSynced(fresh);
    expect(all(fresh)).toBe(200);
    for (const c of [w0, w1, fresh]) leave(c);
  });
});
