import * as decoding from 'lib0/decoding';
import { MESSAGE_AWARENESS, MESSAGE_SYNC } from '../protocol.ts';

/** One entry of a room's stream (see room-scripts.ts for its fields). */
export type StreamEntry =
  | { id: string; kind: 'update'; origin: string; message: Uint8Array; update: Uint8Array }
  | { id: string; kind: 'awareness'; origin: string; message: Uint8Array; update: Uint8Array }
  | { id: string; kind: 'deleted'; origin: string };

/**
 * Reads the entries of an XRANGE or XREAD reply (Buffer mode). Entries that are not ours or do
 * not decode are skipped: a stream is shared data, never trusted to be well formed.
 */
export function parseEntries(raw: unknown): StreamEntry[] {
  if (!Array.isArray(raw)) return [];
  const entries: StreamEntry[] = [];
  for (const item of raw) {
    if (!Array.isArray(item) || !Buffer.isBuffer(item[0]) || !Array.isArray(item[1])) continue;
    const entry = parseEntry(item[0].toString(), item[1] as unknown[]);
    if (entry) entries.push(entry);
  }
  return entries;
}

function parseEntry(id: string, fields: unknown[]): StreamEntry | null {
  const values = new Map<string, Buffer>();
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [name, value] = [fields[i], fields[i + 1]];
    if (Buffer.isBuffer(name) && Buffer.isBuffer(value)) values.set(name.toString(), value);
  }
  return entryOf(id, values.get('k')?.toString() ?? '', values.get('o')?.toString() ?? '', values.get('m') ?? null);
}

/** One entry from its fields (k, o, m); null when it is not one of ours or does not decode. */
export function entryOf(id: string, kind: string, origin: string, frame: Buffer | null): StreamEntry | null {
  if (kind === 'x') return { id, kind: 'deleted', origin };
  if (!frame || (kind !== 'u' && kind !== 'a')) return null;
  const bytes = new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength);
  const update = payloadOf(bytes, kind === 'u' ? MESSAGE_SYNC : MESSAGE_AWARENESS);
  if (!update) return null;
  return { id, kind: kind === 'u' ? 'update' : 'awareness', origin, message: bytes, update };
}

/** The update inside a y-websocket frame: sync update (0, 2, bytes) or awareness (1, bytes). */
function payloadOf(frame: Uint8Array, type: number): Uint8Array | null {
  try {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== type) return null;
    // Sync step 2 and update carry the same payload; step 1 (a state vector) is never stored.
    if (type === MESSAGE_SYNC && decoding.readVarUint(decoder) !== 2) return null;
    return decoding.readVarUint8Array(decoder);
  } catch {
    return null;
  }
}

/** Stream ids compared in stream order ('ms-seq'). */
export function compareIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(Number);
  const [bm, bs] = b.split('-').map(Number);
  return am !== bm ? am - bm : as - bs;
}
