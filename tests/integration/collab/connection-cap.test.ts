import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initSessionDoc, readView, setEncoding } from '../../../shared/session/index.ts';
import { CLOSE, createCollabServer } from '../../../server/collab/index.ts';
import { defaultReservedEditSeats } from '../../../server/collab/defaults.ts';
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
    // (Half of them editors: viewers alone stop at CAP − the editors' reserve, tested below.)
    const elsewhere = Array.from({ length: CAP }, (_, i) => join(OTHER, i % 2 === 0 ? otherTokens.view : otherTokens.edit));
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

  it("keeps the editors' reserve: view links stop at max − reserve, edit links still get in", async () => {
    // With 4 seats the default reserve is 2 (at most half); with 200 it is 20, with 20 it is 5.
    expect([defaultReservedEditSeats(CAP), defaultReservedEditSeats(200), defaultReservedEditSeats(20), defaultReservedEditSeats(1)]).toEqual([2, 20, 5, 0]);
    const viewers = [join(FULL, tokens.view), join(FULL, tokens.view)];
    await Promise.all(viewers.map((c) => whenSynced(c)));
    // A third viewer is told the session is full although two seats are free…
    expect(await openRawPeer(`${server.wsBase}/${FULL}?token=${tokens.view}`).closed).toEqual({ code: CLOSE.tooMany, reason: 'session is full' });
    // …which the presenter and an editor take.
    const editors = [join(FULL, tokens.edit), join(FULL, tokens.edit)];
    await Promise.all(editors.map((c) => whenSynced(c)));
    setEncoding(editors[0].doc, 'color', { by: 'anomaly' });
    await waitFor(() => viewers.every((c) => readView(c.doc).color.by === 'anomaly'), 10_000, 'the edit at the viewers');
    // Now every seat is taken, for editors too.
    expect((await openRawPeer(`${server.wsBase}/${FULL}?token=${tokens.edit}`).closed).code).toBe(CLOSE.tooMany);
    // A viewer leaving frees a viewer seat.
    viewers[0].provider.disconnect();
    await waitFor(() => server.collab.stats().connections === CAP - 1, 10_000, 'the seat to free');
    await whenSynced(join(FULL, tokens.view));
    expect(server.collab.stats().refused.sessionFull).toBe(2);
  });

  it('refuses a reserve that leaves viewers no seat', () => {
    const authorize = async () => null;
    for (const reservedEditSeats of [CAP, -1, 1.5]) {
      expect(() => createCollabServer({ dataDir: data.dir, authorize, maxConnectionsPerSession: CAP, reservedEditSeats })).toThrow(/reservedEditSeats/);
    }
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
