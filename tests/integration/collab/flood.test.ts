import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAnnotation, initSessionDoc, initialAwarenessState, readAnnotations } from '../../../shared/session/index.ts';
import { CLOSE } from '../../../server/collab/index.ts';
import type { CollabServerOptions } from '../../../server/collab/index.ts';
import {
  connectClient,
  sleep,
  startCollabServer,
  tempDataDir,
  waitFor,
  whenSynced,
  type SessionTokens,
  type TestClient,
  type TestServer,
} from '../../support/collab-harness.ts';
import { awarenessUpdate, countSyncReplies, openRawPeer, stateVector, syncStep1 } from './raw-peer.ts';

const SESSION = 'session-flood-01';
const tokens: SessionTokens = { edit: 'edit-token-flood-0000000', view: 'view-token-flood-0000000' };
const sessions = new Map([[SESSION, tokens]]);
let server: TestServer;
let data: Awaited<ReturnType<typeof tempDataDir>>;
const clients: TestClient[] = [];

async function start(overrides: Partial<CollabServerOptions> = {}): Promise<void> {
  server = await startCollabServer(data.dir, sessions, overrides);
  await server.collab.createSessionDocument(SESSION, (doc) => initSessionDoc(doc, { datasetId: 'cars0001', title: 'Cars' }));
}

beforeEach(async () => {
  data = await tempDataDir();
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.close();
  await data.remove();
});

const join = (token: string): TestClient => {
  const c = connectClient(server.wsBase, SESSION, token);
  clients.push(c);
  return c;
};

/** An editor adds `count` notes, one transaction (one message) each, `gapMs` apart. */
async function addNotes(editor: TestClient, prefix: string, count: number, gapMs: number): Promise<string[]> {
  const texts: string[] = [];
  for (let i = 0; i < count; i++) {
    texts.push(`${prefix} ${i}`);
    addAnnotation(editor.doc, { rowIndex: i, text: texts[i], author: 'A', color: '#abcdef' });
    await sleep(gapMs);
  }
  return texts;
}

const hasNotes = (client: TestClient, texts: string[]): boolean => {
  const have = new Set(readAnnotations(client.doc).map((n) => n.text));
  return texts.every((t) => have.has(t));
};

describe('sync request flood (default limits)', () => {
  it("closes a client flooding sync step 1 after its burst, while another client's edits still reach a third", async () => {
    await start();
    const editor = join(tokens.edit);
    const watcher = join(tokens.view);
    await Promise.all([whenSynced(editor), whenSynced(watcher)]);
    // Some content, so that every answered request costs the server a real encoding.
    const seeded = await addNotes(editor, 'seed '.padEnd(3000, 'x'), 40, 0);
    await waitFor(() => hasNotes(watcher, seeded), 10_000, 'seed notes at the watcher');

    const flooder = openRawPeer(`${server.wsBase}/${SESSION}?token=${tokens.view}`);
    await flooder.opened;
    // Distinct state vectors, so no two requests share an answer: each would be a full encoding.
    for (let i = 0; i < 3000; i++) flooder.ws.send(syncStep1(stateVector(1_000_000 + i, 1)));
    // Edits start once the burst is answered (the flooder is being cut off meanwhile): an answer
    // waits until pending edits are durable, and the request over the budget closes the socket,
    // so an edit read before the flood's first frames would hold back, and lose, every answer.
    await waitFor(() => countSyncReplies(flooder.messages) >= 10, 10_000, 'answers to the burst of sync requests');
    const edits = addNotes(editor, 'during the flood', 30, 10);

    expect(await flooder.closed).toEqual({ code: CLOSE.tooMany, reason: 'too many sync requests' });
    const texts = await edits;
    await waitFor(() => hasNotes(watcher, texts), 10_000, 'edits at the watcher during the flood');
    // The flooder got its burst of answers (10), plus at most what refilled (1/s) meanwhile.
    const answered = countSyncReplies(flooder.messages);
    expect(answered).toBeGreaterThanOrEqual(10);
    expect(answered).toBeLessThanOrEqual(13);
    expect(editor.provider.wsconnected && watcher.provider.wsconnected).toBe(true);
    expect(server.collab.stats().refused).toMatchObject({ rateLimited: 1, sessionFull: 0, documentTooLarge: 0 });
  });
});

describe('message flood', () => {
  it('closes a client flooding awareness; a client at workshop rates on the same limits is never cut', async () => {
    // Scaled-down limits so a short test crosses both the burst and the sustained rate: the
    // steady client sends 84 messages (> burst 40) at ~50/s (< 100/s); a slow machine only
    // spreads them further apart.
    await start({ messageRate: { perSecond: 100, burst: 40 } });
    const presenter = join(tokens.edit);
    const watcher = join(tokens.view);
    await Promise.all([whenSynced(presenter), whenSynced(watcher)]);
    const cuts: number[] = [];
    presenter.provider.on('connection-close', (event) => event && cuts.push(event.code));

    const flooder = openRawPeer(`${server.wsBase}/${SESSION}?token=${tokens.view}`);
    await flooder.opened;
    const state = JSON.stringify(initialAwarenessState('Flood', '#ff0000', 'vr'));
    for (let i = 0; i < 2000; i++) flooder.ws.send(awarenessUpdate(424242, i + 1, state));

    // Presenter: camera pose in the document at 20 Hz and presence at 30 Hz.
    const base = initialAwarenessState('Presenter', '#00ff00', 'vr');
    const poses: string[] = [];
    for (let tick = 0; tick < 50; tick++) {
      presenter.provider.awareness.setLocalState({ ...base, hovered: tick });
      if (tick % 3 !== 2) {
        poses.push(`pose ${tick}`);
        presenter.doc.getMap('bench').set('pose', poses.at(-1));
      }
      await sleep(33);
    }

    expect(await flooder.closed).toEqual({ code: CLOSE.tooMany, reason: 'too many messages' });
    await waitFor(() => watcher.doc.getMap('bench').get('pose') === poses.at(-1), 10_000, 'last pose at the watcher');
    expect(poses.length).toBe(34);
    expect(cuts).toEqual([]);
    expect(presenter.provider.wsconnected).toBe(true);
    expect(server.collab.stats().refused.rateLimited).toBe(1);
  });

  it('closes a client sending more bytes than its budget, and refuses limits that cannot work', async () => {
    await start({ maxPayloadBytes: 64 * 1024, byteRate: { perSecond: 16 * 1024, burst: 128 * 1024 } });
    const watcher = join(tokens.view);
    await whenSynced(watcher);
    const flooder = openRawPeer(`${server.wsBase}/${SESSION}?token=${tokens.edit}`);
    await flooder.opened;
    // 60 KB awareness entries (over maxAwarenessBytes, so each is dropped, but still received).
    const junk = JSON.stringify({ name: 'x'.repeat(60_000) });
    for (let i = 0; i < 10; i++) flooder.ws.send(awarenessUpdate(777, i + 1, junk));
    expect(await flooder.closed).toEqual({ code: CLOSE.tooMany, reason: 'too many bytes' });
    expect(watcher.provider.wsconnected).toBe(true);
    await server.close();
    await expect(startCollabServer(data.dir, sessions, { maxPayloadBytes: 1024, byteRate: { perSecond: 1, burst: 512 } })).rejects.toMatchObject({
      code: 'invalid_options',
    });
    await expect(startCollabServer(data.dir, sessions, { maxConnectionsPerSession: 0 })).rejects.toMatchObject({ code: 'invalid_options' });
    server = await startCollabServer(data.dir, sessions);
  });
});
