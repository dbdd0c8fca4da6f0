import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Room } from '../../../server/collab/room.ts';
import { SessionStorage } from '../../../server/collab/session-storage.ts';
import { tempDataDir } from '../../support/collab-harness.ts';

let data: Awaited<ReturnType<typeof tempDataDir>>;
let room: Room;

beforeEach(async () => {
  data = await tempDataDir();
  const { storage } = await SessionStorage.open(data.dir);
  room = new Room('session-cache-01', storage, { compactAfterBytes: 2 ** 20, presenceRenewalSpreadMs: 5_000, onError: () => undefined, onFailure: () => undefined });
});

afterEach(async () => {
  await room.dispose(1001, 'test over', false, () => undefined);
  await data.remove();
});

const editOf = (fn: (doc: Y.Doc) => void): Uint8Array => {
  const doc = new Y.Doc();
  fn(doc);
  return Y.encodeStateAsUpdate(doc);
};

describe('the sync reply cache of a room', () => {
  it('encodes one answer per state vector and document state, and any change voids it', () => {
    Y.applyUpdate(room.doc, editOf((d) => d.getMap('m').set('a', 1)));
    const empty = new Uint8Array([0]);
    const first = room.syncReply(empty);
    // The same object, not an equal one: the second request cost no encoding.
    expect(room.syncReply(new Uint8Array([0]))).toBe(first);
    const other = room.syncReply(Y.encodeStateVector(room.doc));
    expect(other).not.toBe(first);
    expect(room.syncReply(empty)).not.toBe(first); // one entry: the last state vector asked

    const again = room.syncReply(empty);
    Y.applyUpdate(room.doc, editOf((d) => d.getMap('m').set('b', 2)));
    const changed = room.syncReply(empty);
    expect(changed).not.toBe(again);
    expect(changed.length).toBeGreaterThan(again.length);

    // An update waiting for a missing dependency emits no 'update' event, yet the answer
    // (which carries pending updates) changes: the cache must not survive it.
    const source = new Y.Doc();
    source.getMap('p').set('x', 1);
    const before = Y.encodeStateVector(source);
    source.getMap('p').set('y', 'only the second half');
    const secondHalf = Y.encodeStateAsUpdate(source, before);
    const cached = room.syncReply(empty);
    Y.applyUpdate(room.doc, secondHalf);
    expect(room.doc.store.pendingStructs).not.toBeNull();
    expect(room.syncReply(empty)).not.toBe(cached);
  });
});
