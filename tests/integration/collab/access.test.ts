import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import {
  initSessionDoc,
  readView,
  readAnnotations,
  setEncoding,
  addAnnotation,
  initialAwarenessState,
} from '../../../shared/session/index.ts';
import { CLOSE } from '../../../server/collab/index.ts';
import {
  connectClient,
  rawConnect,
  startCollabServer,
  tempDataDir,
  waitFor,
  whenSynced,
  type SessionTokens,
  type TestServer,
} from '../../support/collab-harness.ts';
import { openRawPeer, syncStep2, syncUpdate } from './raw-peer.ts';

const SESSION = 'session-access-01';
const tokens: SessionTokens = { edit: 'edit-token-cccccccccccc', view: 'view-token-dddddddddddd' };
const sessions = new Map([[SESSION, tokens]]);
let server: TestServer;
let data: Awaited<ReturnType<typeof tempDataDir>>;

async function start(overrides = {}): Promise<TestServer> {
  const s = await startCollabServer(data.dir, sessions, overrides);
  return s;
}

beforeEach(async () => {
  data = await tempDataDir();
  server = await start();
  await server.collab.createSessionDocument(SESSION, (doc) => initSessionDoc(doc, { datasetId: 'iris0001', title: 'Iris' }));
});

afterEach(async () => {
  await server.close();
  await data.remove();
});

describe('who may connect', () => {
  it('refuses a missing or wrong token and a bad or unknown session before sending any data', async () => {
    const url = (id: string, token?: string) => `${server.wsBase}/${id}${token === undefined ? '' : `?token=${token}`}`;
    expect(await rawConnect(url(SESSION))).toEqual({ messages: 0, closeCode: CLOSE.missingToken, httpStatus: null });
    expect(await rawConnect(url(SESSION, 'not-the-token'))).toEqual({ messages: 0, closeCode: CLOSE.forbidden, httpStatus: null });
    expect(await rawConnect(url('unknown-session-01', tokens.edit))).toEqual({ messages: 0, closeCode: CLOSE.forbidden, httpStatus: null });
    expect(await rawConnect(url('bad%20id!', tokens.edit))).toEqual({ messages: 0, closeCode: CLOSE.badSessionId, httpStatus: null });
    expect(await rawConnect(url('short', tokens.edit))).toEqual({ messages: 0, closeCode: CLOSE.badSessionId, httpStatus: null });
    expect(await rawConnect(`ws://127.0.0.1:${server.port}/elsewhere/${SESSION}?token=${tokens.edit}`)).toMatchObject({ messages: 0, httpStatus: 404 });
    // The right token gets the document: sync step 1 of an empty document is answered.
    const ok = rawConnect(url(SESSION, tokens.view), {}, new Uint8Array([0, 0, 1, 0]));
    await ok.firstMessage;
    await server.collab.deleteSession(SESSION);
    expect(await ok).toMatchObject({ closeCode: CLOSE.sessionDeleted });
    expect((await ok).messages).toBeGreaterThan(0);
  });

  it('stops a stock client from retrying after a refused token', async () => {
    const client = connectClient(server.wsBase, SESSION, 'wrong-token');
    const closed = new Promise<number>((resolve) => client.provider.on('closed', (event) => resolve(event.code)));
    try {
      expect(await closed).toBe(CLOSE.forbidden);
      expect(client.provider.shouldConnect).toBe(false);
    } finally {
      client.destroy();
    }
  });

  it('checks the Origin header: own host and the allowlist connect, other pages are refused', async () => {
    await server.close();
    server = await start({ allowedOrigins: ['https://mirage.example'] });
    const url = `${server.wsBase}/${SESSION}?token=${tokens.edit}`;
    // A foreign page is refused; a listed page, a page of our own host, and a client that sends
    // no Origin (not a browser page) connect, each still subject to its token.
    expect(await rawConnect(url, { Origin: 'https://evil.example' })).toMatchObject({ messages: 0, httpStatus: 403 });
    const headerSets: Record<string, string>[] = [{ Origin: 'https://mirage.example' }, { Origin: `http://127.0.0.1:${server.port}` }, {}];
    const accepted = headerSets.map((headers) => rawConnect(url, headers));
    // An editor is greeted with sync step 1: each has been let in once it hears anything.
    await Promise.all(accepted.map((connection) => connection.firstMessage));
    await server.collab.deleteSession(SESSION);
    for (const outcome of await Promise.all(accepted)) expect(outcome.messages).toBeGreaterThan(0);
    expect(await rawConnect(`${server.wsBase}/${SESSION}?token=wrong`, {})).toMatchObject({ messages: 0 });
  });
});

describe('view tokens are read-only', () => {
  it("drops a viewer's writes: they reach neither other clients nor storage", async () => {
    const editor = connectClient(server.wsBase, SESSION, tokens.edit);
    const viewer = connectClient(server.wsBase, SESSION, tokens.view);
    try {
      await Promise.all([whenSynced(editor), whenSynced(viewer)]);
      setEncoding(viewer.doc, 'color', { by: 'anomaly' });
      addAnnotation(viewer.doc, { rowIndex: 1, text: 'viewer note', author: 'V', color: '#00ff00' });
      // A later editor write reaches the viewer, so the viewer's earlier messages were processed.
      setEncoding(editor.doc, 'size', { by: 'anomaly' });
      await waitFor(() => readView(viewer.doc).size.by === 'anomaly', 10_000, 'editor write at viewer');
      await waitFor(() => server.collab.stats().droppedViewerUpdates >= 2, 10_000, 'dropped viewer updates');
      expect(readView(editor.doc).color.by).toBe('cluster');
      expect(readAnnotations(editor.doc)).toEqual([]);

      // The server never asks a viewer for its state (no sync step 1), so a stock viewer sends
      // no sync step 2; a modified one could, and could send updates: both are dropped as well.
      const forged = new Y.Doc();
      Y.applyUpdate(forged, await server.collab.withDocument(SESSION, (doc) => Y.encodeStateAsUpdate(doc)));
      addAnnotation(forged, { rowIndex: 2, text: 'forged step 2', author: 'V', color: '#00ff00' });
      const step2 = syncStep2(Y.encodeStateAsUpdate(forged));
      addAnnotation(forged, { rowIndex: 4, text: 'forged update', author: 'V', color: '#00ff00' });
      const update = syncUpdate(Y.encodeStateAsUpdate(forged));
      const droppedBefore = server.collab.stats().droppedViewerUpdates;
      const raw = openRawPeer(`${server.wsBase}/${SESSION}?token=${tokens.view}`);
      await raw.opened;
      raw.ws.send(step2);
      raw.ws.send(update);
      // Counted, so read by the server; a server edit queued after them reaches the editor, so
      // they would have been relayed by now had they been accepted.
      await waitFor(() => server.collab.stats().droppedViewerUpdates >= droppedBefore + 2, 10_000, 'forged viewer messages dropped');
      await server.collab.withDocument(SESSION, (doc) => setEncoding(doc, 'opacity', { by: 'anomaly' }));
      await waitFor(() => readView(editor.doc).opacity.by === 'anomaly', 10_000, 'server edit at the editor');
      expect(readAnnotations(editor.doc)).toEqual([]);
      expect(await server.collab.withDocument(SESSION, (doc) => readAnnotations(doc))).toEqual([]);
      expect(raw.ws.readyState).toBe(raw.ws.OPEN);
      raw.ws.close();
    } finally {
      editor.destroy();
      viewer.destroy();
    }
    await server.close();
    server = await start();
    const reloaded = await server.collab.withDocument(SESSION, (doc) => ({ view: readView(doc), notes: readAnnotations(doc) }));
    expect(reloaded.view.color.by).toBe('cluster');
    expect(reloaded.view.size.by).toBe('anomaly');
    expect(reloaded.view.opacity.by).toBe('anomaly');
    expect(reloaded.notes).toEqual([]);
  });
});

describe('hostile messages', () => {
  it('closes only the connection that sends an oversize message', async () => {
    await server.close();
    server = await start({ maxPayloadBytes: 64 * 1024 });
    const big = connectClient(server.wsBase, SESSION, tokens.edit);
    const a = connectClient(server.wsBase, SESSION, tokens.edit);
    const b = connectClient(server.wsBase, SESSION, tokens.edit);
    try {
      await Promise.all([whenSynced(big), whenSynced(a), whenSynced(b)]);
      const codes: number[] = [];
      big.provider.on('connection-close', (event) => event && codes.push(event.code));
      let bDisconnects = 0;
      b.provider.on('status', ({ status }) => status === 'disconnected' && bDisconnects++);
      big.doc.getMap('scratch').set('blob', 'x'.repeat(200_000));
      await waitFor(() => codes.length > 0, 10_000, 'oversize close');
      expect(codes[0]).toBe(1009);
      big.provider.disconnect();
      setEncoding(a.doc, 'opacity', { by: 'anomaly' });
      await waitFor(() => readView(b.doc).opacity.by === 'anomaly', 10_000, 'edit after the oversize message');
      expect(bDisconnects).toBe(0);
      expect(b.doc.getMap('scratch').has('blob')).toBe(false);
    } finally {
      big.destroy();
      a.destroy();
      b.destroy();
    }
  });

  it('ignores awareness that speaks for another participant, and malformed messages close only their sender', async () => {
    const victim = connectClient(server.wsBase, SESSION, tokens.edit);
    const observer = connectClient(server.wsBase, SESSION, tokens.view);
    try {
      await Promise.all([whenSynced(victim), whenSynced(observer)]);
      victim.provider.awareness.setLocalState(initialAwarenessState('Victim', '#123456', 'desktop'));
      await waitFor(() => (observer.provider.awareness.getStates().get(victim.doc.clientID) as { name?: string } | undefined)?.name === 'Victim');
      // Forge: same client id, higher clock, another name; then, in the same message, an entry
      // of the sender's own, which is relayed: once the observer sees it, the forgery was read.
      const MALLORY = 987_654;
      const forged = encoding.createEncoder();
      encoding.writeVarUint(forged, 1);
      const update = encoding.createEncoder();
      encoding.writeVarUint(update, 2);
      encoding.writeVarUint(update, victim.doc.clientID);
      encoding.writeVarUint(update, 1000);
      encoding.writeVarString(update, JSON.stringify({ name: 'Mallory' }));
      encoding.writeVarUint(update, MALLORY);
      encoding.writeVarUint(update, 1);
      encoding.writeVarString(update, JSON.stringify({ name: 'Mallory herself' }));
      encoding.writeVarUint8Array(forged, encoding.toUint8Array(update));
      const outcome = rawConnect(`${server.wsBase}/${SESSION}?token=${tokens.edit}`, {}, encoding.toUint8Array(forged));
      const garbage = rawConnect(`${server.wsBase}/${SESSION}?token=${tokens.edit}`, {}, new Uint8Array([0, 2, 200, 200, 200, 200, 200]));
      expect((await garbage).closeCode).toBe(CLOSE.protocolError);
      const seen = (id: number) => (observer.provider.awareness.getStates().get(id) as { name?: string } | undefined)?.name;
      await waitFor(() => seen(MALLORY) === 'Mallory herself', 10_000, "the forger's own presence at the observer");
      expect(seen(victim.doc.clientID)).toBe('Victim');
      await server.collab.deleteSession(SESSION);
      expect(await outcome).toMatchObject({ closeCode: CLOSE.sessionDeleted });
    } finally {
      victim.destroy();
      observer.destroy();
    }
  });
});

describe('server-side documents', () => {
  it('refuses to create a session document twice and applies server edits durably', async () => {
    await expect(server.collab.createSessionDocument(SESSION, () => undefined)).rejects.toMatchObject({ code: 'session_exists' });
    await expect(server.collab.createSessionDocument('bad id', () => undefined)).rejects.toMatchObject({ code: 'invalid_session_id' });
    const client = connectClient(server.wsBase, SESSION, tokens.view);
    try {
      await whenSynced(client);
      await server.collab.withDocument(SESSION, (doc) => setEncoding(doc, 'color', { by: 'anomaly' }));
      await waitFor(() => readView(client.doc).color.by === 'anomaly', 10_000, 'server edit at client');
    } finally {
      client.destroy();
    }
    const copy = new Y.Doc();
    await server.collab.withDocument(SESSION, (doc) => Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc)));
    expect(readView(copy).color.by).toBe('anomaly');
  });
});
