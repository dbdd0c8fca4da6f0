import { Queue, Worker } from 'bullmq';
import type Redis from 'ioredis';
import { loadRoom } from './load-room.ts';
import { mergeStored } from './merge-stored.ts';
import { roomKeys } from './room-keys.ts';
import { COMPACT, runScript } from './room-scripts.ts';

export const COMPACTION_QUEUE = 'mirage-room-compaction';

/**
 * Merges a room's stream into its snapshot (through a Y.Doc, so deleted content is collected)
 * and trims the stream, keeping `keepTailMs` of tail. Reads and writes only Redis: any process
 * may run it, whether or not it has the room loaded. Returns whether a snapshot was written.
 */
export async function compactRoom(redis: Redis, sessionId: string, keepTailMs: number): Promise<boolean> {
  const loaded = await loadRoom(redis, sessionId);
  if (loaded === 'deleted' || loaded.tailEnd === null) return false;
  const keys = roomKeys(sessionId);
  const state = mergeStored(loaded.state, loaded.updates);
  const stored = await runScript(redis, COMPACT, [keys.snapshot, keys.stream, keys.deleted], [state, loaded.tailEnd, String(keepTailMs)]);
  return Number(stored) === 1;
}

/**
 * Compactions as BullMQ jobs, one job id per room: a room asked for by several processes at
 * once is compacted once, and never by two at the same time. Every process runs a worker.
 */
export class CompactionQueue {
  private readonly queue: Queue;
  private readonly worker: Worker;

  constructor(
    connection: Redis,
    keepTailMs: number,
    private readonly onError: (err: unknown, context: string) => void,
  ) {
    this.queue = new Queue(COMPACTION_QUEUE, { connection });
    this.worker = new Worker(COMPACTION_QUEUE, async (job) => compactRoom(connection, String(job.data.sessionId), keepTailMs), {
      connection,
      concurrency: 1,
    });
    this.worker.on('error', (err) => onError(err, 'room compaction worker'));
    this.worker.on('failed', (job, err) => onError(err, `compacting session ${String(job?.data.sessionId)}`));
  }

  request(sessionId: string): void {
    // Removed once done, so the id is free for the next request; while one waits, requests join it.
    this.queue
      .add('compact', { sessionId }, { jobId: `compact-${sessionId}`, removeOnComplete: true, removeOnFail: true })
      .catch((err: unknown) => this.onError(err, `queueing the compaction of session ${sessionId}`));
  }

  async close(): Promise<void> {
    await this.worker.close();
    await this.queue.close();
  }
}
