import type Redis from 'ioredis';
import { CollabError } from '../errors.ts';
import { updateMessage } from '../protocol.ts';
import type { RoomLog } from '../room-backend.ts';
import { roomKeys, type RoomKeys } from './room-keys.ts';
import { APPEND, runScript } from './room-scripts.ts';

/**
 * A room's log on its Redis stream. append() resolves once Redis has the entries (with
 * appendfsync always: on disk) and only then does the room relay them; while Redis is away the
 * client queues the command and sends it again after reconnecting, so append() waits rather than
 * fails and nothing is acknowledged before it is stored. Compaction is a queue job.
 */
export class RedisRoomLog implements RoomLog {
  private bytes = 0;
  private readonly keys: RoomKeys;

  constructor(
    private readonly redis: Redis,
    readonly sessionId: string,
    /** This process, on every entry it appends: the stream reader skips its own entries. */
    private readonly origin: string,
    private readonly requestCompaction: (sessionId: string) => void,
  ) {
    this.keys = roomKeys(sessionId);
  }

  /** Bytes added to the stream since the last compaction request: by this process or relayed. */
  get logBytes(): number {
    return this.bytes;
  }

  noteBytes(count: number): void {
    this.bytes += count;
  }

  async append(updates: readonly Uint8Array[]): Promise<void> {
    if (updates.length === 0) return;
    const frames = updates.map(updateMessage);
    await this.run('u', frames);
    for (const frame of frames) this.bytes += frame.length;
  }

  /** Presence is not stored for long, and never waited for: while Redis is away it is dropped (clients renew it). */
  publishAwareness(frame: Uint8Array, onError: (err: unknown) => void): void {
    if (this.redis.status !== 'ready') return;
    this.bytes += frame.length;
    this.run('a', [frame]).catch(onError);
  }

  /** The job merges what Redis holds (any process's edits), so the room's own state is not needed. */
  async compact(_state: Uint8Array): Promise<void> {
    this.bytes = 0;
    this.requestCompaction(this.sessionId);
  }

  async close(): Promise<void> {
    // The connection is shared by every room; createRedisRooms closes it.
  }

  private async run(kind: 'u' | 'a', frames: Uint8Array[]): Promise<void> {
    try {
      await runScript(this.redis, APPEND, [this.keys.stream, this.keys.deleted], [this.origin, kind, ...frames]);
    } catch (err) {
      if (err instanceof Error && err.message.startsWith('DELETED')) throw new CollabError('session_deleted', `session ${this.sessionId} was deleted`);
      throw err;
    }
  }
}
