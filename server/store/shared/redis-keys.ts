/**
 * Every key and channel this server uses in Redis starts with this prefix (BullMQ's own keys too),
 * so one Redis can sit beside other applications. One Redis serves one DATA_DIR.
 */
export const REDIS_PREFIX = 'mirage';

export const redisKeys = {
  /** Pub/sub: "<store> <id>" when a process wrote or deleted a record on the shared DATA_DIR. */
  storeEvents: `${REDIS_PREFIX}:store-events`,
  /** Sorted set of the processes using DATA_DIR (score: when their claim lapses, ms). */
  members: `${REDIS_PREFIX}:data-dir-members`,
  /** Held by the one process starting up (sweeping leftovers, creating the owner token or certificate). */
  startup: `${REDIS_PREFIX}:startup`,
} as const;
