import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { initSessionDoc, readMeta } from '../../../shared/session/index.ts';
import { CLOSE, type CollabServerOptions } from '../../../server/collab/index.ts';
import {
  connectClient,
  rawConnect,
  sleep,
  startCollabServer,
  tempDataDir,
  tokenAuthorizer,
  type RawConnection,
  type RawOutcome,
  type SessionTokens,
  type TestServer,
  waitFor,
  whenSynced,
} from '../../support/collab-harness.ts';

/**
 * Deleting a session while connections to it are still being set up: the upgrade awaits
 * authorize() and the room's loading, and a deletion landing in either gap must neither let the
 * connection in nor bring the session's folder back. Each gap is held open by a hook the test
 * releases, so the interleaving is the same on every run.
 */
const SESSION = 'session-delete-01';
const tokens: SessionTokens = { edit: 'edit-token-delete-000000', view: 'view-token-delete-000000' };
const sessions = new Map([[SESSION, tokens]]);
let server: TestServer;
let data: Awaited<ReturnType<typeof tempDataDir>>;

/** A hook that, while held, parks every caller until released; `entered` resolves at the first. */
function gate(): { hold: boolean; entered: Promise<void>; pass(): Promise<void>; release(): void } {
  let enter!: () => void;
  let open!: () => void;
  const entered = new Promise<void>((resolve) => (enter = resolve));
  const opened = new Promise<void>((resolve) => (open = resolve));
  return {
    hold: false,
    entered,
    async pass() {
      if (!this.hold) return;
      enter();
      await opened;
    },
    release: () => open(),
  };
}

beforeEach(async () => {
  data = await tempDataDir();
});

afterEach(async () => {
  await server.close();
  await data.remove();
});

const start = async (overrides: Partial<CollabServerOptions>): Promise<void> => {
  server = await startCollabServer(data.dir, sessions, overrides);
};
const storedSessions = () => readdir(join(data.dir, 'sessions')).catch(() => []);
const editUrl = () => `${server.wsBase}/${SESSION}?token=${tokens.edit}`;

/** The outcome, or a failure naming the leak if the server keeps the connection open. */
async function settle(connection: RawConnection): Promise<RawOutcome> {
  const outcome = await Promise.race([connection, sleep(5000).then(() => null)]);
  if (outcome === null) {
    connection.ws.terminate();
    throw new Error('the connection was let into the deleted session');
  }
  return outcome;
}

describe('deleting a session while a connection is being set up', () => {
  it('refuses (4404) an upgrade whose token check was under way, and does not recreate the session', async () => {
    const auth = gate();
    const authorize = tokenAuthorizer(sessions);
    await start({ authorize: async (id, token) => (await auth.pass(), authorize(id, token)) });
    await server.collab.createSessionDocument(SESSION, (doc) => initSessionDoc(doc, { datasetId: 'iris0001' }));
    expect(await storedSessions()).toEqual([SESSION]);

    auth.hold = true;
    const connection = rawConnect(editUrl());
    await auth.entered;
    await server.collab.deleteSession(SESSION);
    expect(await storedSessions()).toEqual([]);
    auth.release();

    expect(await settle(connection)).toEqual({ messages: 0, closeCode: CLOSE.sessionDeleted, httpStatus: null });
    expect(await storedSessions()).toEqual([]);
    expect(server.collab.stats()).toMatchObject({ rooms: 0, connections: 0 });
  });

  it('refuses (4404) an upgrade whose room was loading, and does not recreate the session', async () => {
    // loadInitialState runs inside the room's loading for a session with nothing stored yet.
    const load = gate();
    await start({ loadInitialState: async () => (await load.pass(), null) });
    load.hold = true;
    const connection = rawConnect(editUrl());
    await load.entered;
    expect(await storedSessions()).toEqual([SESSION]); // the loading room made the folder
    const deletion = server.collab.deleteSession(SESSION);
    load.release();
    await deletion;

    expect(await settle(connection)).toEqual({ messages: 0, closeCode: CLOSE.sessionDeleted, httpStatus: null });
    expect(await storedSessions()).toEqual([]);
    expect(server.collab.stats()).toMatchObject({ rooms: 0, connections: 0 });
  });

  it('keeps a deleted id refused: clients stop retrying, server-side calls fail with session_deleted', async () => {
    await start({});
    await server.collab.createSessionDocument(SESSION, (doc) => initSessionDoc(doc, { datasetId: 'iris0001', title: 'Gone' }));
    const client = connectClient(server.wsBase, SESSION, tokens.edit);
    const closes: number[] = [];
    client.provider.on('closed', (event) => closes.push(event.code));
    try {
      await whenSynced(client);
      expect(readMeta(client.doc).title).toBe('Gone');
      await server.collab.deleteSession(SESSION);
      await waitFor(() => closes.length > 0, 10_000, 'the client to be closed');
      const late = rawConnect(editUrl());
      expect(await settle(late)).toEqual({ messages: 0, closeCode: CLOSE.sessionDeleted, httpStatus: null });
      // The stock client stops at 4404 instead of retrying.
      expect(closes).toEqual([CLOSE.sessionDeleted]);
      expect(client.provider.shouldConnect).toBe(false);
    } finally {
      client.destroy();
    }
    await expect(server.collab.withDocument(SESSION, () => 1)).rejects.toMatchObject({ code: 'session_deleted' });
    await expect(server.collab.createSessionDocument(SESSION, () => undefined)).rejects.toMatchObject({ code: 'session_deleted' });
    expect(await storedSessions()).toEqual([]);
  });
});
