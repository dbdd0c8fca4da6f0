import { TokenBucket, type RateLimit } from '../collab/token-bucket.ts';
import { HttpError } from './http-error.ts';

/** Addresses remembered at most; full buckets (nothing owed) are forgotten first. */
const MAX_CLIENTS = 10_000;

/**
 * A request rate per client address (token buckets): take() passes or throws 429 with
 * Retry-After. What a question costs (an index built, a model called) is bounded per client so
 * that one page in a loop cannot starve the others.
 */
export class ClientRate {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly what: string,
    private readonly now?: () => number,
  ) {}

  take(client: string): void {
    let bucket = this.buckets.get(client);
    if (!bucket) {
      if (this.buckets.size >= MAX_CLIENTS) this.forgetIdle();
      bucket = new TokenBucket(this.limit, this.now);
      this.buckets.set(client, bucket);
    }
    if (bucket.take()) return;
    const seconds = Math.max(1, Math.ceil(bucket.waitMs() / 1000));
    throw new HttpError(429, 'too_many_requests', `Too many ${this.what} from this address: at most ${Math.round(this.limit.perSecond * 60)} a minute. Try again in ${seconds} s.`, { 'retry-after': String(seconds) });
  }

  private forgetIdle(): void {
    for (const [client, bucket] of this.buckets) if (bucket.full()) this.buckets.delete(client);
    if (this.buckets.size >= MAX_CLIENTS) this.buckets.delete(this.buckets.keys().next().value!);
  }
}
