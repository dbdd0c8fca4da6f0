import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { markDataDirShared, unmarkDataDirShared } from '../data-dir-lock.ts';
import { redisKeys } from './redis-keys.ts';

/** A member renews its claim this often; one silent for CLAIM_TTL_MS (killed) no longer counts. */
const HEARTBEAT_MS = 5_000;
const CLAIM_TTL_MS = 15_000;
/** How long one process may hold the startup turn before another may take it (it crashed). */
const STARTUP_TTL_MS = 60_000;

export interface SharedClaim {
  /** Ends this process's start-up turn: the next process may start. */
  started(): Promise<void>;
  /** Leaves the folder; the last member to leave removes the "shared" claim file. */
  release(): Promise<void>;
}

/**
 * With REDIS_URL the single-server claim on DATA_DIR gives way to coordination through Redis:
 * processes (API servers and workers) join a membership set they renew every few seconds, and
 * start one at a time (the start-up turn covers the sweep of old temporary files, the owner
 * token and the self-signed certificate, which two processes starting at once would otherwise
 * both create). DATA_DIR's server.lock says "shared" while any member runs, which keeps an
 * embedded server out.
 */
export async function claimSharedDataDir(redis: Redis, dataDir: string, role: string): Promise<SharedClaim> {
  const me = `${hostname()}:${process.pid}:${role}:${randomBytes(4).toString('hex')}`;
  await takeStartupTurn(redis, me);
  try {
    await markDataDirShared(dataDir);
    await redis.zadd(redisKeys.members, Date.now() + CLAIM_TTL_MS, me);
  } catch (error) {
    await endStartupTurn(redis, me);
    throw error;
  }
  const heartbeat = setInterval(() => {
    redis.zadd(redisKeys.members, Date.now() + CLAIM_TTL_MS, me).catch((error: unknown) => console.error('renewing the DATA_DIR claim:', error));
  }, HEARTBEAT_MS);
  heartbeat.unref();
  let released = false;
  return {
    started: () => endStartupTurn(redis, me),
    async release() {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      await endStartupTurn(redis, me);
      await redis.zrem(redisKeys.members, me);
      await redis.zremrangebyscore(redisKeys.members, '-inf', Date.now());
      if ((await redis.zcard(redisKeys.members)) === 0) await unmarkDataDirShared(dataDir);
    },
  };
}

async function takeStartupTurn(redis: Redis, me: string): Promise<void> {
  const deadline = Date.now() + STARTUP_TTL_MS + 5_000;
  while ((await redis.set(redisKeys.startup, me, 'PX', STARTUP_TTL_MS, 'NX')) !== 'OK') {
    if (Date.now() > deadline) throw new Error('Another Data Mirage process has been starting on this Redis for over a minute; waited for it in vain.');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Deletes the turn only if it is still ours (it may have lapsed and passed to another process). */
async function endStartupTurn(redis: Redis, me: string): Promise<void> {
  await redis.eval(`if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`, 1, redisKeys.startup, me);
}
