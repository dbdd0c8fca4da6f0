/** REDIS_URL is set but Redis does not answer there: the process stops with this sentence (no Redis import here, main.ts loads it always). */
export class RedisUnavailableError extends Error {
  readonly code = 'redis_unavailable';
  constructor(message: string) {
    super(message);
    this.name = 'RedisUnavailableError';
  }
}
