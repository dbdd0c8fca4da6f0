import type Redis from 'ioredis';
import { roomKeys } from './room-keys.ts';
import { LOAD, runScript } from './room-scripts.ts';
import { entryOf } from './stream-entries.ts';

export interface StoredRoom {
  state: Uint8Array | null;
  updates: Uint8Array[];
  awareness: Uint8Array[];
  /** Id of the last stream entry after the snapshot; null: the snapshot is all there is. */
  tailEnd: string | null;
  /** The last stream id this content reaches (tail or snapshot); null: nothing stored. */
  position: string | null;
}

/** A room's snapshot and the stream after it, read in one script: no entry can fall in between. */
export async function loadRoom(redis: Redis, sessionId: string): Promise<StoredRoom | 'deleted'> {
  const keys = roomKeys(sessionId);
  let reply: unknown;
  try {
    reply = await runScript(redis, LOAD, [keys.snapshot, keys.stream, keys.deleted], []);
  } catch (err) {
    if (err instanceof Error && err.message.startsWith('DELETED')) return 'deleted';
    throw err;
  }
  const [state, upto, last, kinds, frames] = Array.isArray(reply) ? (reply as unknown[]) : [];
  const lastId = Buffer.isBuffer(last) ? last.toString() : null;
  const kindOf = Buffer.isBuffer(kinds) ? kinds.toString() : '';
  const updates: Uint8Array[] = [];
  const awareness: Uint8Array[] = [];
  (Array.isArray(frames) ? (frames as unknown[]) : []).forEach((frame, i) => {
    // Ids are not returned (only the last is needed): entries here are never relayed by id.
    const entry = entryOf('', kindOf[i] ?? '', '', Buffer.isBuffer(frame) ? frame : null);
    if (entry?.kind === 'update') updates.push(entry.update);
    else if (entry?.kind === 'awareness') awareness.push(entry.update);
  });
  if (kindOf.includes('x')) return 'deleted';
  return {
    state: Buffer.isBuffer(state) ? new Uint8Array(state.buffer, state.byteOffset, state.byteLength) : null,
    updates,
    awareness,
    tailEnd: lastId,
    position: lastId ?? (Buffer.isBuffer(upto) ? upto.toString() : null),
  };
}
