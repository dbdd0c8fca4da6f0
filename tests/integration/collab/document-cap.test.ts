import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join as joinPath } from 'node:path';
import * as Y from 'yjs';
import { addAnnotation, initSessionDoc, readAnnotations } from '../../../shared/session/index.ts';
import { CLOSE } from '../../../server/collab/index.ts';
import {
  connectClient,
  startCollabServer,
  tempDataDir,
  waitFor,
  whenSynced,
  type SessionTokens,
  type TestClient,
  type TestServer,
} from '../../support/collab-harness.ts';
import { openRawPeer, syncUpdate } from './raw-peer.ts';

const SESSION = 'session-doccap-01';
const tokens: SessionTokens = { edit: 'edit-token-doccap-000000', view: 'view-token-doccap-000000' };
const sessions = new Map([[SESSION, tokens]]);
const CAP = 64 * 1024;
let server: TestServer;
let data: Awaited<ReturnType<typeof tempDataDir>>;
const clients: TestClient[] = [];

const start = () => startCollabServer(data.dir, sessions, { maxDocumentBytes: CAP });

beforeEach(async () => {
  data = await tempDataDir();
  server = await start();
  await server.collab.createSessionDocument(SESSION, (doc) => initSessionDoc(doc, { datasetId: 'penguins01', title: 'Penguins' }));
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

/** What the server holds (once everything so far is durable): content and state vector. */
const serverCopy = (): Promise<{ blobs: Record<string, unknown>; notes: string[]; stateVector: string }> =>
  server.collab.withDocument(SESSION, (doc) => ({
    blobs: doc.getMap('blobs').toJSON(),
    notes: readAnnotations(doc).map((n) => n.text),
    stateVector: Buffer.from(Y.encodeStateVector(doc)).toString('hex'),
  }));

/** Resolves once the server's document has everything `client` has. */
async function serverCaughtUp(client: TestClient): Promise<void> {
  const want = Buffer.from(Y.encodeStateVector(client.doc)).toString('hex');
  await waitFor(async () => (await serverCopy()).stateVector === want, 20_000, 'the server to catch up');
}

/** Every byte stored for the session: state file and log. */
async function storedBytes(): Promise<Buffer> {
  const dir = joinPath(data.dir, 'sessions', SESSION);
  const read = (f: string) => readFile(joinPath(dir, f)).catch(() => Buffer.alloc(0));
  return Buffer.concat([await read('ydoc.state'), await read('ydoc.log')]);
}

describe('document size cap', () => {
  it('refuses the update that would pass the cap (4413), keeps the ones before, and stores nothing of it', async () => {
    const big = join(tokens.edit);
    const other = join(tokens.edit);
    const watcher = join(tokens.view);
    await Promise.all([big, other, watcher].map((c) => whenSynced(c)));
    const closes: Array<{ code: number; reason: string }> = [];
    big.provider.on('closed', (event) => closes.push(event));

    // Three 15 KB blobs fit under 64 KiB with the initial document; each is one update.
    for (let i = 0; i < 3; i++) big.doc.getMap('blobs').set(`b${i}`, String(i).repeat(15_000));
    await waitFor(() => watcher.doc.getMap('blobs').size === 3, 10_000, 'blobs under the cap at the watcher');
    const before = await serverCopy();

    // The fourth would take the document past the cap: refused whole, sender closed for good.
    big.doc.getMap('blobs').set('b3', '3'.repeat(30_000));
    await waitFor(() => closes.length > 0, 10_000, 'the refusal');
    expect(closes).toEqual([{ code: CLOSE.documentTooLarge, reason: 'document too large' }]);
    expect(big.provider.shouldConnect).toBe(false);
    expect(await serverCopy()).toEqual(before);

    // Everyone else carries on: a small edit from another editor still reaches the watcher.
    addAnnotation(other.doc, { rowIndex: 7, text: 'still room for a note', author: 'B', color: '#abcdef' });
    await waitFor(() => readAnnotations(watcher.doc).length === 1, 10_000, 'small edit after the refusal');
    expect(watcher.doc.getMap('blobs').has('b3')).toBe(false);
    expect(other.provider.wsconnected && watcher.provider.wsconnected).toBe(true);
    expect(server.collab.stats().refused.documentTooLarge).toBe(1);
    const expected = await serverCopy();
    expect(Object.keys(expected.blobs).sort()).toEqual(['b0', 'b1', 'b2']);
    expect(expected.notes).toEqual(['still room for a note']);
    // Not a byte of the refused blob reached storage, while the accepted ones did.
    const stored = await storedBytes();
    expect(stored.includes('2'.repeat(15_000))).toBe(true);
    expect(stored.includes('3'.repeat(100))).toBe(false);

    // And after a restart the document is exactly what it was.
    for (const c of clients.splice(0)) c.destroy();
    await server.close();
    server = await start();
    expect(await serverCopy()).toEqual(expected);
  });

  it('does not count what the server already has: a near-full document still takes re-sent content and small edits', async () => {
    const editor = join(tokens.edit);
    await whenSynced(editor);
    for (let i = 0; i < 3; i++) editor.doc.getMap('blobs').set(`b${i}`, String(i).repeat(16_000));
    await serverCaughtUp(editor);
    const copy = await server.collab.withDocument(SESSION, (doc) => Y.encodeStateAsUpdate(doc));
    expect(copy.length).toBeGreaterThan(CAP / 2); // re-sending it whole would pass the cap if counted

    // A client re-sending the whole document (as after an offline period) adds nothing.
    const resender = openRawPeer(`${server.wsBase}/${SESSION}?token=${tokens.edit}`);
    await resender.opened;
    resender.ws.send(syncUpdate(copy));
    // Right behind it, a note of its own: had the re-send been refused, nothing after it would
    // be read, so the note reaching the editor shows the re-send was read and accepted.
    const resent = new Y.Doc();
    Y.applyUpdate(resent, copy);
    addAnnotation(resent, { rowIndex: 2, text: 'sent behind the whole copy', author: 'R', color: '#abcdef' });
    resender.ws.send(syncUpdate(Y.encodeStateAsUpdate(resent, Y.encodeStateVectorFromUpdate(copy))));
    await waitFor(() => readAnnotations(editor.doc).length === 1, 10_000, 'the note sent behind the re-send');
    addAnnotation(editor.doc, { rowIndex: 1, text: 'small edit near the cap', author: 'A', color: '#abcdef' });
    const watcher = join(tokens.view);
    await whenSynced(watcher);
    await waitFor(() => readAnnotations(watcher.doc).length === 2, 10_000, 'small edit near the cap');
    expect(readAnnotations(watcher.doc).map((n) => n.text).sort()).toEqual(['sent behind the whole copy', 'small edit near the cap']);
    expect(resender.ws.readyState).toBe(resender.ws.OPEN);
    expect(editor.provider.wsconnected).toBe(true);
    expect(server.collab.stats().refused.documentTooLarge).toBe(0);
    resender.ws.close();

    // Whereas the same amount of new content is refused.
    const fresh = openRawPeer(`${server.wsBase}/${SESSION}?token=${tokens.edit}`);
    await fresh.opened;
    const novel = new Y.Doc();
    novel.getMap('blobs').set('new', 'n'.repeat(copy.length));
    fresh.ws.send(syncUpdate(Y.encodeStateAsUpdate(novel)));
    // Sent right behind it, small enough to fit: ignored all the same, the sender is refused.
    const behind = new Y.Doc();
    behind.getMap('blobs').set('behind', 'small');
    fresh.ws.send(syncUpdate(Y.encodeStateAsUpdate(behind)));
    expect(await fresh.closed).toEqual({ code: CLOSE.documentTooLarge, reason: 'document too large' });
    const after = await serverCopy();
    expect(Object.keys(after.blobs).sort()).toEqual(['b0', 'b1', 'b2']);
  });
});
