import type Redis from 'ioredis';
import { compareIds, parseEntries, type StreamEntry } from './stream-entries.ts';

/** Entries of one room's stream, in stream order, as they arrive. */
export type EntriesListener = (entries: StreamEntry[]) => void;

interface Subscription {
  lastId: string;
  listener: EntriesListener;
  /** Hash whose `trimmed` field says below which milliseconds the stream was cut (room-scripts COMPACT). */
  snapshotKey: string;
  /** Called when entries after lastId may have been trimmed before they were read. */
  onGap(): void;
}

/** Longest XREAD block: after it the loop reads again (so a lost unblock costs at most this). */
const BLOCK_MS = 5_000;
const COUNT = 1_000;

/**
 * The one blocking XREAD loop of a process: it covers the stream of every room loaded here and
 * hands each room the entries after the last it saw. It runs on a connection of its own (a
 * blocked connection can do nothing else); a room added or removed interrupts the block with
 * CLIENT UNBLOCK from the command connection, so a new room is read at once. After a lost
 * connection it reads on from each room's last id: nothing in between is missed.
 */
export class StreamReader {
  private readonly rooms = new Map<string, Subscription>();
  private closed = false;
  private readerId: number | null = null;
  private blocked = false;
  /** Counts reads, so an unblock meant for one read does not spin into the next. */
  private reads = 0;
  private wake: (() => void) | null = null;
  private readonly done: Promise<void>;

  constructor(
    private readonly blocking: Redis,
    private readonly command: Redis,
    private readonly onError: (err: unknown, context: string) => void,
  ) {
    // A new connection has a new client id: asked again before the next read.
    blocking.on('ready', () => (this.readerId = null));
    this.done = this.loop();
  }

  /** Reads `stream` from after `from` on; returns the function that stops it. */
  add(stream: string, from: string, listener: EntriesListener, gap: { snapshotKey: string; onGap(): void }): () => void {
    const subscription: Subscription = { lastId: from, listener, ...gap };
    this.rooms.set(stream, subscription);
    this.interrupt();
    return () => {
      if (this.rooms.get(stream) !== subscription) return;
      this.rooms.delete(stream);
      this.interrupt();
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.interrupt();
    this.blocking.disconnect();
    await this.done;
  }

  private interrupt(): void {
    this.wake?.();
    if (this.blocked) void this.unblock(this.reads);
  }

  /**
   * CLIENT UNBLOCK answers 0 when the read has not reached Redis yet (the two connections are not
   * ordered): asked again until it lands or that read ends, so a new room waits no block out.
   */
  private async unblock(read: number): Promise<void> {
    try {
      // Bounded: an id from before a reconnect never unblocks anything.
      for (let tries = 0; tries < 200 && this.blocked && this.reads === read && this.readerId !== null && !this.closed; tries++) {
        if (Number(await this.command.client('UNBLOCK', this.readerId)) === 1) return;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    } catch (err) {
      this.onError(err, 'interrupting the stream reader');
    }
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.closed) {
      if (this.rooms.size === 0) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
        continue;
      }
      try {
        if (this.readerId === null) this.readerId = Number(await this.blocking.client('ID'));
        const streams = [...this.rooms.entries()];
        this.reads++;
        this.blocked = true;
        const reply = await this.blocking.xreadBuffer('COUNT', COUNT, 'BLOCK', BLOCK_MS, 'STREAMS', ...streams.map(([key]) => key), ...streams.map(([, s]) => s.lastId));
        this.blocked = false;
        failures = 0;
        const read = (reply ?? []).map(([key, raw]) => ({ subscription: this.rooms.get(key.toString()), before: this.rooms.get(key.toString())?.lastId, key: key.toString(), raw }));
        for (const { key, raw } of read) this.deliver(key, raw);
        await this.checkGaps(read.flatMap(({ subscription, before }) => (subscription && before ? [{ subscription, before }] : [])));
      } catch (err) {
        this.blocked = false;
        if (this.closed) break;
        failures++;
        this.onError(err, 'reading room streams (retrying)');
        await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 50 * 2 ** failures)));
      }
    }
  }

  /**
   * A reader that fell further behind than the kept tail (cut off from Redis while others went
   * on) would skip entries compacted away meanwhile: if the stream was cut above the last id
   * read before this batch, the room reloads its stored content (idempotent in Yjs).
   */
  private async checkGaps(read: Array<{ subscription: Subscription; before: string }>): Promise<void> {
    if (read.length === 0) return;
    const pipeline = this.command.pipeline();
    for (const { subscription } of read) pipeline.hget(subscription.snapshotKey, 'trimmed');
    const replies = (await pipeline.exec()) ?? [];
    read.forEach(({ subscription, before }, i) => {
      const trimmed = replies[i]?.[1];
      if (typeof trimmed === 'string' && compareIds(`${trimmed}-0`, before) > 0) subscription.onGap();
    });
  }

  private deliver(stream: string, raw: unknown): void {
    const subscription = this.rooms.get(stream);
    if (!subscription || !Array.isArray(raw) || raw.length === 0) return;
    const last = raw[raw.length - 1] as unknown;
    if (Array.isArray(last) && Buffer.isBuffer(last[0])) subscription.lastId = last[0].toString();
    const entries = parseEntries(raw);
    if (entries.length === 0) return;
    try {
      subscription.listener(entries);
    } catch (err) {
      this.onError(err, `relaying ${stream}`);
    }
  }
}
