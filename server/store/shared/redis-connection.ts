import { Redis } from 'ioredis';
import { RedisUnavailableError } from './redis-unavailable-error.ts';

/**
 * One ioredis connection to REDIS_URL. `maxRetriesPerRequest: null` is what BullMQ requires of
 * its blocking connections, and it suits ours too: while Redis restarts, commands wait for the
 * reconnection instead of failing after a few tries.
 */
export function connectRedis(url: string, name: string): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, connectionName: `mirage-${name}`, lazyConnect: false });
  // ioredis reconnects on its own; without a listener an 'error' event would crash the process.
  // Each retry repeats the same error: say it once, and say when the connection is back.
  let failing = '';
  redis.on('error', (error: Error) => {
    if (error.message !== failing) console.error(`redis (${name}): ${error.message}; retrying`);
    failing = error.message;
  });
  redis.on('ready', () => {
    if (failing) console.log(`redis (${name}): connected again`);
    failing = '';
  });
  return redis;
}

/** Resolves once the connection is ready, or rejects with a sentence naming REDIS_URL. */
export async function redisReady(redis: Redis, url: string, timeoutMs = 10_000): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off('ready', ready);
      reject(new RedisUnavailableError(`Redis at ${safeUrl(url)} (REDIS_URL) did not answer within ${timeoutMs / 1000} s. Is redis-server running there?`));
    }, timeoutMs);
    const ready = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once('ready', ready);
  });
}

/** REDIS_URL without its password, for messages and logs. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'REDIS_URL';
  }
}
