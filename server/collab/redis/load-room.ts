import type Redis from 'ioredis';
import { roomKeys } from './room-keys.ts';
import { LOAD, runScript } from './room-scripts.ts';
import { parseEntries } from './stream-entries.ts';

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
  const [state, upto, raw] = Array.isArray(reply) ? (reply as unknown[]) : [];
  const entries = parseEntries(raw);
  const last = Array.isArray(raw) && raw.length > 0 ? (raw[raw.length - 1] as unknown[]) : null;
  const lastId = last && Buffer.isBuffer(last[0]) ? last[0].toString() : null;
  const updates: Uint8Array[] = [];
  const awareness: Uint8Array[] = [];
  for (const entry of entries) {
    if (entry.kind === 'update') updates.push(entry.update);
    else if (entry.kind === 'awareness') awareness.push(entry.update);
    else return 'deleted';
  }
  return {
    state: Buffer.isBuffer(state) ? new Uint8Array(state.buffer, state.byteOffset, state.byteLength) : null,
    updates,
    awareness,
    tailEnd: lastId,
    position: lastId ?? (Buffer.isBuffer(upto) ? upto.toString() : null),
  };
}
