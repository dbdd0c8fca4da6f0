import type Redis from 'ioredis';
import { CollabError } from '../errors.ts';

/** The Redis settings the room store depends on, as CONFIG GET reports them. */
export interface RedisDurability {
  appendonly: string;
  appendfsync: string;
  maxmemoryPolicy: string;
}

export interface ConfigVerdict {
  /** Settings that lose documents: the server refuses to start. */
  refuse: string[];
  /** Settings that weaken a guarantee: the server starts and says so. */
  warn: string[];
}

const FIX = 'Start redis-server with --appendonly yes --appendfsync always --maxmemory-policy noeviction (or set them in redis.conf).';

/** What the settings mean for the rooms (pure: the checked values in, sentences out). */
export function judgeRedisConfig(config: RedisDurability): ConfigVerdict {
  const verdict: ConfigVerdict = { refuse: [], warn: [] };
  if (config.maxmemoryPolicy !== 'noeviction') {
    verdict.refuse.push(`maxmemory-policy is ${config.maxmemoryPolicy}: Redis would evict session documents and queued jobs when memory runs short, losing edits silently; it must be noeviction.`);
  }
  if (config.appendonly !== 'yes') {
    verdict.refuse.push('appendonly is no: every edit acknowledged since the last RDB snapshot would be lost when Redis restarts; it must be yes.');
  } else if (config.appendfsync !== 'always') {
    verdict.warn.push(`appendfsync is ${config.appendfsync}: an edit is acknowledged before it is on disk, so a power loss or OS crash can lose the last second of edits (a Redis crash alone cannot). Set appendfsync always where that matters.`);
  }
  return verdict;
}

/**
 * Reads the settings with CONFIG GET and refuses (CollabError 'redis_unsafe_config') or warns. A Redis
 * that does not allow CONFIG (some managed services) cannot be checked: a warning says so.
 */
export async function checkRedisConfig(redis: Redis, where: string, warn: (message: string) => void): Promise<void> {
  let config: RedisDurability;
  try {
    const read = async (name: string): Promise<string> => {
      const pair = (await redis.config('GET', name)) as string[];
      return String(pair[1] ?? '');
    };
    config = { appendonly: await read('appendonly'), appendfsync: await read('appendfsync'), maxmemoryPolicy: await read('maxmemory-policy') };
  } catch (err) {
    warn(`Redis at ${where} does not let us read its settings (${err instanceof Error ? err.message : String(err)}): make sure it runs with appendonly yes, appendfsync always and maxmemory-policy noeviction.`);
    return;
  }
  const verdict = judgeRedisConfig(config);
  if (verdict.refuse.length > 0) throw new CollabError('redis_unsafe_config', `Redis at ${where} is not safe for session documents: ${verdict.refuse.join(' ')} ${FIX}`);
  for (const message of verdict.warn) warn(`Redis at ${where}: ${message}`);
}
