import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { initSessionDoc } from '../../../shared/session/index.ts';
import { CLOSE } from '../../../server/collab/index.ts';
import { sleep, startCollabServer, tempDataDir, waitFor, type SessionTokens, type TestServer } from '../../support/collab-harness.ts';
import { awarenessUpdate, countSyncReplies, openRawPeer, syncStep1, syncUpdate, type RawPeer } from './raw-peer.ts';

// Scaled down: a joiner's document reply is many times maxBufferedBytes, as a 30 MB document is
// beside the default 16 MB, and larger than what the loopback's kernel buffers take in.
const SESSION = 'session-slowjoin-01';
const tokens: SessionTokens = { edit: 'edit-token-slowjoin-0000', view: 'view-token-slowjoin-0000' };
const sessions = new Map([[SESSION, tokens]]);
const MAX_BUFFERED = 256 * 1024;
const BLOB_BYTES = 12 * 2 ** 20;
let server: TestServer;
let data: Awaited<ReturnType<typeof tempDataDir>>;
const peers: RawPeer[] = [];
const logged: string[] = [];

beforeEach(async () => {
  data = await tempDataDir();
  logged.length = 0;
  server = await startCollabServer(data.dir, sessions, {
    maxBufferedBytes: MAX_BUFFERED,
    onError: (err, context) => logged.push(`${(err as { code?: string }).code}: ${context}`),
  });
  await server.collab.createSessionDocument(SESSION, (doc) => initSessionDoc(doc, { datasetId: 'penguins01', title: 'Big' }));
});

afterEach(async () => {
  for (const p of peers.splice(0)) p.ws.terminate();
  await server.close();
  await data.remove();
});

const open = async (token: string): Promise<RawPeer> => {
  const peer = openRawPeer(`${server.wsBase}/${SESSION}?token=${token}`);
  peers.push(peer);
  await peer.opened;
  return peer;
};

/** Another participant's presence at ~12 Hz for `ms`, as a moving cursor sends it. */
async function presence(peer: RawPeer, ms: number): Promise<number> {
  let clock = 0;
  for (const end = Date.now() + ms; Date.now() < end; await sleep(80)) {
    peer.ws.send(awarenessUpdate(515151, ++clock, JSON.stringify({ name: 'Presenter', camera: { position: [clock, 0, 0], target: [0, 0, 0] } })));
  }
  return clock;
}

const isAwareness = (m: Uint8Array): boolean => m[0] === 1;

describe('a joiner on a slow link', () => {
  it('is not dropped while the whole document drains, with presence relayed meanwhile', async () => {
    await server.collab.withDocument(SESSION, (doc) => doc.getMap('blobs').set('big', new Uint8Array(randomBytes(BLOB_BYTES))));
    const joiner = await open(tokens.view);
    // Reads nothing: the document reply stays buffered at the server.
    joiner.ws.pause();
    joiner.ws.send(syncStep1(Y.encodeStateVector(new Y.Doc())));
    await sleep(300);
    const sent = await presence(await open(tokens.edit), 1200);

    joiner.ws.resume();
    await waitFor(() => countSyncReplies(joiner.messages) === 1, 20_000, 'the document reply');
    // Everyone's presence after it, and the joiner still connected.
    await waitFor(() => joiner.messages.filter(isAwareness).length >= sent, 10_000, 'the relayed presence');
    expect(joiner.ws.readyState).toBe(joiner.ws.OPEN);
    const joined = new Y.Doc();
    for (const m of joiner.messages.filter((msg) => !isAwareness(msg))) Y.applyUpdate(joined, m.subarray(2 + lengthPrefix(m.subarray(2))));
    expect((joined.getMap('blobs').get('big') as Uint8Array).length).toBe(BLOB_BYTES);
    expect(server.collab.stats().refused.tooFarBehind).toBe(0);
  });

  it('drops a peer that reads nothing while relayed edits pile up: 1013, counted and logged', async () => {
    const stalled = await open(tokens.view);
    stalled.ws.send(syncStep1(Y.encodeStateVector(new Y.Doc())));
    await waitFor(() => countSyncReplies(stalled.messages) === 1, 10_000, 'the document reply');
    stalled.ws.pause();
    const editor = await open(tokens.edit);
    const doc = new Y.Doc();
    doc.on('update', (update: Uint8Array) => editor.ws.send(syncUpdate(update)));
    for (let i = 0; i < 12; i++) {
      doc.getMap('blobs').set(`b${i}`, new Uint8Array(randomBytes(2 ** 20)));
      await sleep(50);
    }
    await waitFor(() => server.collab.stats().refused.tooFarBehind === 1, 10_000, 'the stalled peer to be dropped');
    stalled.ws.resume();
    expect(await stalled.closed).toEqual({ code: CLOSE.tryAgainLater, reason: 'too far behind' });
    expect(logged).toEqual([`too_far_behind: session ${SESSION}: closed a connection over a limit`]);
    // The editor was not affected.
    expect(editor.ws.readyState).toBe(editor.ws.OPEN);
  });
});

/** Bytes taken by the varuint length prefix at the start of `bytes`. */
function lengthPrefix(bytes: Uint8Array): number {
  let n = 1;
  while (bytes[n - 1] & 0x80) n++;
  return n;
}
