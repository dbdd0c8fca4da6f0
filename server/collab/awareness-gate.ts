import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { sanitizeAwarenessState } from '../../shared/session/awareness.ts';
import type { Role } from '../../shared/session/awareness.ts';

/**
 * Filters an awareness update from one connection before the room applies and relays it.
 * Awareness is unauthenticated client data, so:
 * - a connection may only speak for client ids it owns (first come, at most `maxClients`);
 *   entries for ids owned by another connection are dropped, so nobody can impersonate;
 * - an entry whose JSON exceeds `maxBytes` is dropped (not parsed);
 * - states are rebuilt by the shared validator, and `role` is set from the connection's token.
 * Returns the re-encoded update, or null when nothing in it survives.
 */
export interface AwarenessOwnership {
  /** Client id → owning connection key, for the whole room (REMOTE_OWNER: a client on another process). */
  owners: Map<number, object>;
  /** The clock this room holds for a client id (-1: none); with a relay only. */
  clockOf?(clientId: number): number;
}

/**
 * Owner of ids whose presence came from another process. Stock clients echo every presence
 * change they receive, so without it their connections would claim the ids of everyone on the
 * other processes. A connection takes such an id over only with a newer clock than this room
 * holds (the same participant reconnecting here); an echo carries the clock it was sent with.
 */
export const REMOTE_OWNER: object = Object.freeze({ remote: true });

export function gateAwarenessUpdate(
  update: Uint8Array,
  conn: { key: object; owned: Set<number>; role: Role },
  room: AwarenessOwnership,
  limits: { maxBytes: number; maxClients: number },
): Uint8Array | null {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const kept: Array<[number, number, string]> = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    if (json.length > limits.maxBytes) continue;
    const found = room.owners.get(clientId);
    const takesOver = found === REMOTE_OWNER && clock > (room.clockOf?.(clientId) ?? -1);
    const owner = takesOver ? undefined : found;
    if (owner !== undefined && owner !== conn.key) continue;
    if (json === 'null') {
      if (owner === conn.key) kept.push([clientId, clock, json]);
      continue;
    }
    if (owner === undefined && conn.owned.size >= limits.maxClients) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      continue;
    }
    const state = sanitizeAwarenessState(parsed, limits.maxBytes);
    if (state === null) continue;
    state.role = conn.role;
    if (owner === undefined) {
      room.owners.set(clientId, conn.key);
      conn.owned.add(clientId);
    }
    kept.push([clientId, clock, JSON.stringify(state)]);
  }
  return kept.length === 0 ? null : encodeEntries(kept);
}

/**
 * Filters presence relayed from another process: entries for client ids a connection of this
 * process owns are dropped, so a client that moved here (or anyone on another process) cannot
 * overwrite or remove the state its connection here keeps. Returns `update` itself when
 * nothing is dropped (forwarded as it came), a re-encoded update otherwise, null when empty.
 */
export function withoutLocallyOwned(update: Uint8Array, owners: ReadonlyMap<number, object>): Uint8Array | null {
  if (owners.size === 0) return update;
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const kept: Array<[number, number, string]> = [];
  for (let i = 0; i < count; i++) {
    const entry: [number, number, string] = [decoding.readVarUint(decoder), decoding.readVarUint(decoder), decoding.readVarString(decoder)];
    const owner = owners.get(entry[0]);
    if (owner === undefined || owner === REMOTE_OWNER) kept.push(entry);
  }
  if (kept.length === count) return update;
  return kept.length === 0 ? null : encodeEntries(kept);
}

/** An awareness update of (client id, clock, state JSON) entries. */
function encodeEntries(entries: Array<[number, number, string]>): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const [clientId, clock, json] of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
}
