import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Room, type RoomPeer } from '../../../server/collab/room.ts';
import { SessionStorage } from '../../../server/collab/session-storage.ts';
import { CLOSE } from '../../../server/collab/index.ts';
import { tempDataDir } from '../../support/collab-harness.ts';

let data: Awaited<ReturnType<typeof tempDataDir>>;
beforeEach(async () => {
  data = await tempDataDir();
});
afterEach(async () => {
  await data.remove();
});

/** A peer that records what the room did to it. */
function recordingPeer(): RoomPeer & { sent: Uint8Array[]; closes: number[] } {
  const sent: Uint8Array[] = [];
  const closes: number[] = [];
  return { key: {}, owned: new Set(), sent, closes, send: (m) => sent.push(m), close: (code) => closes.push(code) };
}

describe('room when storage fails', () => {
  it('relays nothing that could not be stored, closes its peers and reports the failure', async () => {
    const { storage } = await SessionStorage.open(join(data.dir, 'sessions', 'failing-room-01'));
    const failures: Room[] = [];
    const room = new Room('failing-room-01', storage, { compactAfterBytes: 2 ** 30, presenceRenewalSpreadMs: 5_000, onError: () => undefined, onFailure: (r) => failures.push(r) });
    const peer = recordingPeer();
    room.peers.add(peer);

    room.doc.getMap('m').set('stored', 1);
    await room.whenDurable();
    expect(peer.sent).toHaveLength(1);

    await storage.close(); // the log's file handle is gone: the next append fails for real
    room.doc.getMap('m').set('lost', 2);
    await expect(room.whenDurable()).rejects.toMatchObject({ code: 'storage_failed' });
    expect(peer.sent).toHaveLength(1);
    expect(peer.closes).toEqual([CLOSE.internalError]);
    expect(failures).toEqual([room]);
  });
});
