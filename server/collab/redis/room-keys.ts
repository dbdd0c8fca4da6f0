/**
 * Redis keys of one room. The `{id}` hash tag keeps a room's keys in one slot, so the scripts
 * that touch several of them stay valid on a Redis Cluster.
 */
export interface RoomKeys {
  /** The room's stream: one entry per update or awareness frame, in the order everyone applies them. */
  stream: string;
  /** Hash { state, upto }: the compacted document and the last stream id merged into it. */
  snapshot: string;
  /** Set when the session is deleted: nothing may be appended or loaded again. */
  deleted: string;
}

export const KEY_PREFIX = 'mirage:room:';

export function roomKeys(sessionId: string): RoomKeys {
  const base = `${KEY_PREFIX}{${sessionId}}`;
  return { stream: `${base}:stream`, snapshot: `${base}:snapshot`, deleted: `${base}:deleted` };
}
