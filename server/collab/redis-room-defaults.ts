/**
 * Defaults of the Redis rooms (docs/collab.md) that REDIS_STREAM_TAIL_S and REDIS_COMPACT_AFTER_KB
 * override; outside collab/redis/ so that server/config.ts reads them without loading any of the Redis rooms' code
 * (tests/unit/scaleout/redis-only-with-url.test.ts).
 */
export const REDIS_ROOMS_DEFAULTS = { keepTailMs: 60_000, compactAfterBytes: 256 * 2 ** 10, connectTimeoutMs: 10_000 } as const;
