import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initSessionDoc, readView, setEncoding } from '../../../shared/session/index.ts';
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
import { openRawPeer } from './raw-peer.ts';

const FULL = 'session-cap-full-01';
const OTHER = 'session-cap-other-01';
const tokens: SessionTokens = { edit: 'edit-token-cap-000000000', view: 'view-token-cap-000000000' };
const otherTokens: SessionTokens = { edit: 'edit-token-cap-111111111', view: 'view-token-cap-111111111' };
const sessions = new Map([
  [FULL, tokens],
  [OTHER, otherTokens],
]);
const CAP = 4;
let server: TestServer;
let data: Awaited<ReturnType<typeof tempDataDir>>;
const clients: TestClient[] = [];
const logged: string[] = [];

beforeEach(async () => {
  data = await tempDataDir();
  logged.length = 0;
  server = await startCollabServer(data.dir, sessions, {
    maxConnectionsPerSession: CAP,
    onError: (err, context) => logged.push(`${(err as { code?: string }).code}: ${context}`),
  });
  for (const id of [FULL, OTHER]) {
    await server.collab.createSessionDocument(id, (doc) => initSessionDoc(doc, { datasetId: 'iris0001', title: id }));
  }
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.close();
  await data.remove();
});

const join = (id: string, token: string): TestClient => {
  const c = connectClient(server.wsBase, id, token);
  clients.push(c);
  return c;
};

describe('connections per session', () => {
  it('refuses the connection past the cap with 4429 before any data, while the first ones keep working', async () => {
    const first = [join(FULL, tokens.edit), join(FULL, tokens.view), join(FULL, tokens.view), join(FULL, tokens.edit)];
    await Promise.all(first.map((c) => whenSynced(c)));

    const extra = openRawPeer(`${server.wsBase}/${FULL}?token=${tokens.edit}`);
    expect(await extra.closed).toEqual({ code: CLOSE.tooMany, reason: 'session is full' });
    expect(extra.messages).toHaveLength(0);
    // The token is checked first: a wrong token learns nothing about the session, full or not.
    expect((await openRawPeer(`${server.wsBase}/${FULL}?token=wrong-token-000000`).closed).code).toBe(CLOSE.forbidden);

    // A stock client takes 4429 as final: it stops retrying and says why.
    const late = join(FULL, tokens.view);
    const closed = await new Promise<{ code: number; reason: string }>((resolve) => late.provider.on('closed', resolve));
    expect(closed).toMatchObject({ code: CLOSE.tooMany, reason: 'session is full' });
    expect(late.provider.shouldConnect).toBe(false);

    // The four inside are unaffected: an edit from one reaches the others.
    setEncoding(first[0].doc, 'color', { by: 'anomaly' });
    await waitFor(() => first.every((c) => readView(c.doc).color.by === 'anomaly'), 10_000, 'edit at every admitted client');
    expect(first.every((c) => c.provider.wsconnected)).toBe(true);

    // The cap is per session: another session still admits CAP connections of its own.
    const elsewhere = Array.from({ length: CAP }, () => join(OTHER, otherTokens.view));
    await Promise.all(elsewhere.map((c) => whenSynced(c)));
    expect(server.collab.stats().refused.sessionFull).toBe(2);
    // An operator sees the first refusal in the log at once; the next ones are counted (refusal-log.test.ts).
    expect(logged).toEqual([`session_full: session ${FULL}: closed a connection over a limit`]);
    await server.close();
    expect(logged).toEqual([
      `session_full: session ${FULL}: closed a connection over a limit`,
      `session_full: session ${FULL}: closed 1 more connection over a limit (session is full) since the last report`,
    ]);
  });

  it('gives a seat back when a participant leaves', async () => {
    const first = Array.from({ length: CAP }, () => join(FULL, tokens.edit));
    await Promise.all(first.map((c) => whenSynced(c)));
    expect((await openRawPeer(`${server.wsBase}/${FULL}?token=${tokens.view}`).closed).code).toBe(CLOSE.tooMany);

    first[0].provider.disconnect();
    await waitFor(() => server.collab.stats().connections === CAP - 1, 10_000, 'the seat to free');
    const next = join(FULL, tokens.view);
    await whenSynced(next);
    setEncoding(first[1].doc, 'size', { by: 'anomaly' });
    await waitFor(() => readView(next.doc).size.by === 'anomaly', 10_000, 'edit at the newcomer');
    // Seats are counted from the handshake on: the room is full again.
    expect((await openRawPeer(`${server.wsBase}/${FULL}?token=${tokens.view}`).closed).code).toBe(CLOSE.tooMany);
  });
});
