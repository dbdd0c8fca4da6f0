import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { Room, type RoomPeer } from '../../../server/collab/room.ts';
import { renewalDelayMs } from '../../../server/collab/presence-fanout.ts';
import { SessionStorage } from '../../../server/collab/session-storage.ts';
import { MESSAGE_AWARENESS } from '../../../server/collab/protocol.ts';
import { sleep, tempDataDir, waitFor } from '../../support/collab-harness.ts';

/**
 * A room's presence fan-out (presence-fanout.ts) with real awareness instances on both sides:
 * changes go out in the tick they came, renewals wait a delay fixed per client and go out together.
 */
const SPREAD_MS = 400;

let data: Awaited<ReturnType<typeof tempDataDir>>;
let room: Room;
let published: Array<{ at: number; ids: number[] }>;
let received: Array<{ at: number; ids: number[] }>;
let t0: number;

/** The client ids an awareness frame carries (the y-websocket awareness message). */
function idsOf(message: Uint8Array): number[] {
  const outer = decoding.createDecoder(message);
  expect(decoding.readVarUint(outer)).toBe(MESSAGE_AWARENESS);
  const decoder = decoding.createDecoder(decoding.readVarUint8Array(outer));
  const ids: number[] = [];
  for (let n = decoding.readVarUint(decoder); n > 0; n--) {
    ids.push(decoding.readVarUint(decoder));
    decoding.readVarUint(decoder);
    decoding.readVarString(decoder);
  }
  return ids.sort((a, b) => a - b);
}

const peer: RoomPeer = {
  key: {},
  owned: new Set(),
  send: (message) => received.push({ at: performance.now() - t0, ids: idsOf(message) }),
  close: () => undefined,
};

/** A participant: its own awareness, whose updates reach the room as a connection's would. */
function participant(name: string): { awareness: awarenessProtocol.Awareness; renew(): void; set(state: object): void } {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  const deliver = (ids: number[]): void => awarenessProtocol.applyAwarenessUpdate(room.awareness, awarenessProtocol.encodeAwarenessUpdate(awareness, ids), peer);
  awareness.setLocalState({ name });
  deliver([awareness.clientID]);
  return {
    awareness,
    // What y-protocols does every 15 s: the same state again, with the next clock.
    renew: () => {
      awareness.setLocalState(awareness.getLocalState());
      deliver([awareness.clientID]);
    },
    set: (state) => {
      awareness.setLocalState(state);
      deliver([awareness.clientID]);
    },
  };
}

beforeEach(async () => {
  data = await tempDataDir();
  const { storage } = await SessionStorage.open(data.dir);
  room = new Room('session-presence-01', storage, {
    compactAfterBytes: 2 ** 20,
    presenceRenewalSpreadMs: SPREAD_MS,
    onError: () => undefined,
    onFailure: () => undefined,
  });
  room.peers.add(peer);
  room.connectRelay({ publishAwareness: (message) => published.push({ at: performance.now() - t0, ids: idsOf(message) }), close: () => undefined });
  published = [];
  received = [];
  t0 = performance.now();
});

afterEach(async () => {
  await room.dispose(1001, 'test over', false, () => undefined);
  await data.remove();
});

describe('presence fan-out of a room', () => {
  it('sends joins and changes of one tick as one message at once, to the peers and the other processes', async () => {
    const a = participant('a');
    const b = participant('b');
    await sleep(20);
    expect(received).toEqual([{ at: expect.any(Number), ids: [a.awareness.clientID, b.awareness.clientID].sort((x, y) => x - y) }]);
    expect(published.map((p) => p.ids)).toEqual(received.map((r) => r.ids));

    received.length = 0;
    a.set({ name: 'a', hovered: 3 });
    await sleep(20);
    expect(received.map((r) => r.ids)).toEqual([[a.awareness.clientID]]);
  });

  it('holds renewals back and sends them in the order of their clients\' fixed delays, several to a message', async () => {
    const people = Array.from({ length: 40 }, (_, i) => participant(`p${i}`));
    await sleep(20);
    received.length = 0;
    published.length = 0;

    // A renewal is due its client's delay after it came; the 40 come one after another (a few
    // ms apart on a loaded machine), so the order to expect is that of arrival + delay.
    const renewedAt = new Map<number, number>();
    for (const p of people) {
      renewedAt.set(p.awareness.clientID, performance.now());
      p.renew();
    }
    await sleep(5);
    expect(received).toEqual([]);
    await waitFor(() => received.flatMap((r) => r.ids).length === people.length, 5_000, 'every renewal to go out');
    const due = (id: number) => renewedAt.get(id)! + renewalDelayMs(id, SPREAD_MS);
    const order = received.flatMap((r) => r.ids.map(due).sort((a, b) => a - b));
    // Within a millisecond of each other, the test's clock and the room's may disagree on which came first.
    for (let i = 1; i < order.length; i++) expect(order[i]).toBeGreaterThan(order[i - 1] - 1);
    // Fewer messages than renewals: those due within one tick shared one.
    expect(received.length).toBeLessThan(people.length);
    expect(published.flatMap((p) => p.ids).sort()).toEqual(received.flatMap((r) => r.ids).sort());
  });

  it('gives every renewal of a client the same delay, spread evenly over the span across clients', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => (i * 7919 + 12_345) >>> 0);
    const delays = ids.map((id) => renewalDelayMs(id, 5_000));
    expect(ids.map((id) => renewalDelayMs(id, 5_000))).toEqual(delays);
    const tenths = new Array(10).fill(0);
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(5_000);
      tenths[Math.floor(d / 500)]++;
    }
    // Consecutive ids (the worst case for a plain modulo) still fill every tenth of the span.
    for (const n of tenths) expect(Math.abs(n - 1_000)).toBeLessThan(150);
  });

  it('sends a change or a leave at once and drops the renewal it overtook', async () => {
    const a = participant('a');
    const b = participant('b');
    await sleep(20);
    received.length = 0;
    a.renew();
    b.renew();
    a.set({ name: 'a moved' });
    awarenessProtocol.removeAwarenessStates(room.awareness, [b.awareness.clientID], peer);
    await sleep(20);
    expect(received.map((r) => r.ids)).toEqual([[a.awareness.clientID, b.awareness.clientID].sort((x, y) => x - y)]);
    // Neither renewal follows: both ids went out with their newest clock already.
    await sleep(SPREAD_MS + 150);
    expect(received).toHaveLength(1);
  });

  it('does not publish what the room timed out itself (every process times out on its own)', async () => {
    const a = participant('a');
    await sleep(20);
    received.length = 0;
    published.length = 0;
    awarenessProtocol.removeAwarenessStates(room.awareness, [a.awareness.clientID], 'timeout');
    await sleep(20);
    expect(received.map((r) => r.ids)).toEqual([[a.awareness.clientID]]);
    expect(published).toEqual([]);
  });
});
