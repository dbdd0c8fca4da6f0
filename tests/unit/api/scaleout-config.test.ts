import { describe, expect, it } from 'vitest';
import { configFromEnv, ConfigError } from '../../../server/config.ts';
import { WORKER_DEFAULTS, workerSettingsFromEnv } from '../../../server/jobs/bullmq/worker-settings.ts';

describe('scale-out settings', () => {
  it('REDIS_URL is off unless set, and must be a redis:// or rediss:// URL', () => {
    expect(configFromEnv({}).redisUrl).toBeNull();
    expect(configFromEnv({ REDIS_URL: '  ' }).redisUrl).toBeNull();
    expect(configFromEnv({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe('redis://127.0.0.1:6379');
    expect(configFromEnv({ REDIS_URL: 'rediss://:secret@cache.example.org:6380/2' }).redisUrl).toBe('rediss://:secret@cache.example.org:6380/2');
    expect(() => configFromEnv({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(ConfigError);
    expect(() => configFromEnv({ REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL must/);
  });

  it('REDIS_STREAM_TAIL_S and REDIS_COMPACT_AFTER_KB are read with the other settings, only with REDIS_URL', () => {
    const redis = { REDIS_URL: 'redis://127.0.0.1:6379' };
    expect(configFromEnv(redis).redisRooms).toEqual({ keepTailMs: 60_000, compactAfterBytes: 256 * 1024 });
    expect(configFromEnv({ ...redis, REDIS_STREAM_TAIL_S: '2.5', REDIS_COMPACT_AFTER_KB: '64' }).redisRooms).toEqual({ keepTailMs: 2_500, compactAfterBytes: 64 * 1024 });
    expect(configFromEnv({ ...redis, REDIS_STREAM_TAIL_S: '0' }).redisRooms.keepTailMs).toBe(0);
    expect(() => configFromEnv({ ...redis, REDIS_STREAM_TAIL_S: '-1' })).toThrow(/REDIS_STREAM_TAIL_S must be a number of seconds ≥ 0, got "-1"/);
    expect(() => configFromEnv({ ...redis, REDIS_STREAM_TAIL_S: 'a minute' })).toThrow(ConfigError);
    expect(() => configFromEnv({ ...redis, REDIS_COMPACT_AFTER_KB: '0.5' })).toThrow(/REDIS_COMPACT_AFTER_KB must be a whole number ≥ 1, got "0.5"/);
    // The embedded server neither reads nor refuses them.
    expect(configFromEnv({ REDIS_STREAM_TAIL_S: '-1', REDIS_COMPACT_AFTER_KB: 'x' }).redisRooms).toEqual({ keepTailMs: 60_000, compactAfterBytes: 256 * 1024 });
  });

  it("a worker's knobs default to BullMQ-sized locks and checks, and refuse nonsense with the setting's name", () => {
    expect(workerSettingsFromEnv({})).toEqual(WORKER_DEFAULTS);
    expect(workerSettingsFromEnv({ WORKER_CONCURRENCY: '3', JOB_LOCK_MS: '2000', JOB_STALLED_CHECK_MS: '1000', JOB_MAX_STALLED: '0' })).toEqual({
      concurrency: 3,
      lockDurationMs: 2000,
      stalledIntervalMs: 1000,
      maxStalledCount: 0,
    });
    expect(() => workerSettingsFromEnv({ WORKER_CONCURRENCY: '0' })).toThrow(/WORKER_CONCURRENCY must be a whole number ≥ 1/);
    expect(() => workerSettingsFromEnv({ JOB_LOCK_MS: '10' })).toThrow(/JOB_LOCK_MS/);
  });
});
