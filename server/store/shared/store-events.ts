import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { StoreSharing } from '../store-sharing.ts';
import { redisKeys } from './redis-keys.ts';

export type SharedStoreName = 'datasets' | 'analyses' | 'sessions';

/**
 * Keeps the in-memory caches of the stores true on a DATA_DIR several processes share: a store
 * that writes or deletes a record publishes "<store> <id>", and every other process re-reads that
 * record from disk (the files stay the truth; the event only says which to look at). Pub/sub is
 * at-most-once: a process that missed an event still finds a record it has never seen, because a
 * shared store reads from disk on a miss (server/store/store-sharing.ts).
 */
export class StoreEvents {
  private readonly self = randomBytes(6).toString('base64url');
  private readonly reloaders = new Map<SharedStoreName, (id: string) => Promise<void>>();

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
  ) {}

  async start(): Promise<void> {
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel !== redisKeys.storeEvents) return;
      const [store, id, origin] = message.split(' ');
      if (origin === this.self) return;
      const reload = this.reloaders.get(store as SharedStoreName);
      if (reload && id) reload(id).catch((error: unknown) => console.error(`re-reading ${store}/${id}:`, error));
    });
    await this.subscriber.subscribe(redisKeys.storeEvents);
  }

  /** What a store calls when it changed a record. */
  sharing(store: SharedStoreName): StoreSharing {
    return {
      changed: (id) => {
        this.publisher.publish(redisKeys.storeEvents, `${store} ${id} ${this.self}`).catch((error: unknown) => console.error(`announcing ${store}/${id}:`, error));
      },
    };
  }

  /** How this process re-reads a record another one changed. */
  attach(store: SharedStoreName, reload: (id: string) => Promise<void>): void {
    this.reloaders.set(store, reload);
  }
}
