import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Redis from 'ioredis';
import { CollabError } from '../errors.ts';
import { SessionStorage } from '../session-storage.ts';
import type { CollabBackend, LoadedRoom, RelayListener } from '../room-backend.ts';
import { CompactionQueue } from './compaction.ts';
import { loadRoom } from './load-room.ts';
import { mergeStored } from './merge-stored.ts';
import { checkRedisConfig } from './redis-config-check.ts';
import { RedisRoomLog } from './redis-room-log.ts';
import { roomKeys } from './room-keys.ts';
import { DELETE, IMPORT, runScript } from './room-scripts.ts';
import type { StreamEntry } from './stream-entries.ts';
import { StreamReader } from './stream-reader.ts';
import { REDIS_ROOMS_DEFAULTS } from '../redis-room-defaults.ts';

export interface RedisRoomsOptions {
  /** redis://[user:password@]host:port[/db] */
  url: string;
  /**
   * DATA_DIR of a server that kept documents in files before: a room Redis knows nothing of is
   * seeded from `${dataDir}/sessions/<id>/` (read only) the first time it is opened.
   */
  importFromDataDir?: string;
  /** Stream tail kept after a compaction, for processes a little behind. */
  keepTailMs?: number;
  /** Bytes added to a room's stream (edits and presence, by any process) that start a compaction. */
  compactAfterBytes?: number;
  /** How long start-up waits for Redis to answer before giving up. */
  connectTimeoutMs?: number;
  onError?(err: unknown, context: string): void;
  /** Warnings about Redis' settings (default: console.warn). */
  warn?(message: string): void;
}

export { REDIS_ROOMS_DEFAULTS };

/**
 * Yjs rooms on Redis Streams: the collaboration backend of several server processes sharing
 * sessions (issue 14; docs/collab.md). Stock y-websocket clients connect to any process as
 * before. Checks Redis' settings first and refuses to start on ones that lose documents
 * (CollabError 'redis_unsafe_config'; 'redis_unreachable' when nothing answers).
 */
export async function createRedisRooms(options: RedisRoomsOptions): Promise<CollabBackend> {
  const keepTailMs = options.keepTailMs ?? REDIS_ROOMS_DEFAULTS.keepTailMs;
  const onError = options.onError ?? ((err, context) => console.error(`[collab redis] ${context}:`, err instanceof Error ? err.message : err));
  const where = redactedUrl(options.url);
  // null: a command waits for Redis to come back instead of failing (see RedisRoomLog).
  const command = new Redis(options.url, { maxRetriesPerRequest: null, lazyConnect: true });
  command.on('error', (err) => onError(err, `redis ${where}`));
  await reachable(command, where, options.connectTimeoutMs ?? REDIS_ROOMS_DEFAULTS.connectTimeoutMs);
  try {
    await checkRedisConfig(command, where, options.warn ?? ((message) => console.warn(message)));
  } catch (err) {
    command.disconnect();
    throw err;
  }
  const blocking = command.duplicate();
  blocking.on('error', (err) => onError(err, `redis ${where} (stream reader)`));
  const origin = randomUUID();
  const reader = new StreamReader(blocking, command, onError);
  const compaction = new CompactionQueue(command, keepTailMs, onError);
  let closing: Promise<void> | null = null;

  return {
    compactAfterBytes: options.compactAfterBytes ?? REDIS_ROOMS_DEFAULTS.compactAfterBytes,
    persistence: {
      async open(sessionId): Promise<LoadedRoom> {
        let stored = await loadRoom(command, sessionId);
        if (stored !== 'deleted' && stored.position === null && options.importFromDataDir) {
          if (await importFiles(command, sessionId, options.importFromDataDir)) stored = await loadRoom(command, sessionId);
        }
        if (stored === 'deleted') throw new CollabError('session_deleted', `session ${sessionId} was deleted`);
        const log = new RedisRoomLog(command, sessionId, origin, (id) => compaction.request(id));
        return { log, ...asOneUpdate(stored.state, stored.updates), awareness: stored.awareness, tornBytes: 0, position: stored.position };
      },
      async remove(sessionId) {
        const keys = roomKeys(sessionId);
        // Long enough for every process's reader to see the deletion entry, even with no kept tail.
        await runScript(command, DELETE, [keys.snapshot, keys.stream, keys.deleted], [origin, String(Math.max(keepTailMs, 60_000))]);
      },
    },
    relay: {
      subscribe(sessionId, loaded, listener) {
        const log = loaded.log;
        if (!(log instanceof RedisRoomLog)) throw new CollabError('invalid_options', 'the Redis relay needs rooms loaded from Redis');
        const keys = roomKeys(sessionId);
        const resync = (): void => {
          loadRoom(command, sessionId)
            .then((stored) => (stored === 'deleted' ? listener.deleted() : listener.resync(stored.state, stored.updates)))
            .catch((err: unknown) => onError(err, `session ${sessionId}: reloading after a gap`));
        };
        const stop = reader.add(keys.stream, loaded.position ?? '0-0', (entries) => relay(entries, origin, log, listener), { snapshotKey: keys.snapshot, onGap: resync });
        return {
          publishAwareness: (frame) => log.publishAwareness(frame, (err) => onError(err, `session ${sessionId}: publishing presence`)),
          close: stop,
        };
      },
    },
    close() {
      closing ??= (async () => {
        await reader.close();
        await compaction.close();
        await command.quit().catch(() => command.disconnect());
      })();
      return closing;
    },
  };
}

/** Hands another process's entries to the room; its own were relayed when appended. */
function relay(entries: StreamEntry[], self: string, log: RedisRoomLog, listener: RelayListener): void {
  for (const entry of entries) {
    if (entry.origin === self) continue;
    if (entry.kind === 'deleted') {
      listener.deleted();
      return;
    }
    log.noteBytes(entry.message.length);
    if (entry.kind === 'update') listener.update(entry.update, entry.message);
    else listener.awareness(entry.update, entry.message);
  }
}

/**
 * The stored room as one update (mergeStored), so a join after thousands of edits applies one;
 * if any entry does not apply, the parts as they are (the room then skips the bad one alone).
 */
function asOneUpdate(state: Uint8Array | null, updates: Uint8Array[]): { state: Uint8Array | null; updates: Uint8Array[] } {
  if (updates.length === 0) return { state, updates };
  try {
    return { state: mergeStored(state, updates), updates: [] };
  } catch {
    return { state, updates };
  }
}

/** Seeds an unknown room from the files of the embedded store; false when there are none (or Redis had it after all). */
async function importFiles(redis: Redis, sessionId: string, dataDir: string): Promise<boolean> {
  const stored = await SessionStorage.read(join(dataDir, 'sessions', sessionId));
  if (!stored) return false;
  const state = mergeStored(stored.state, stored.updates);
  const keys = roomKeys(sessionId);
  return Number(await runScript(redis, IMPORT, [keys.snapshot, keys.stream, keys.deleted], [state])) === 1;
}

async function reachable(redis: Redis, where: string, timeoutMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CollabError('redis_unreachable', `Redis at ${where} did not answer within ${timeoutMs / 1000} s. Is redis-server running there?`)), timeoutMs);
  });
  try {
    await Promise.race([redis.connect().then(() => redis.ping()), timeout]);
  } catch (err) {
    redis.disconnect();
    throw err instanceof CollabError ? err : new CollabError('redis_unreachable', `Cannot reach Redis at ${where}: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    clearTimeout(timer);
  }
}

/** The URL without its password, for messages and logs. */
function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'REDIS_URL (not a valid URL)';
  }
}
