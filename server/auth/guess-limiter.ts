import { TokenBucket, type RateLimit } from '../collab/token-bucket.ts';

/** Wrong tokens one client address may present: 20, then one more every 3 s (20 a minute). */
export const WRONG_TOKEN_RATE: RateLimit = { perSecond: 20 / 60, burst: 20 };

/** Addresses remembered at once; beyond it the longest-known are forgotten (a flood of addresses cannot grow memory). */
const MAX_ADDRESSES = 10_000;

/**
 * Bounds token guessing per client address, over HTTP and the WebSocket alike: every wrong
 * token takes from the address's bucket; once it is empty the address gets 429 for anything that
 * carries a token (a right one too, or a lucky guess would show) until the bucket refills.
 */
export class GuessLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly limit: RateLimit = WRONG_TOKEN_RATE,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Seconds the address must wait before its tokens are looked at again; 0 = go ahead. */
  retryAfter(address: string): number {
    const bucket = this.buckets.get(clientKey(address));
    const wait = bucket?.waitMs(1) ?? 0;
    return wait > 0 ? Math.ceil(wait / 1000) : 0;
  }

  /** Records a wrong token from the address. */
  wrong(address: string): void {
    const key = clientKey(address);
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= MAX_ADDRESSES) this.forgetSome();
      bucket = new TokenBucket(this.limit, this.now);
      this.buckets.set(key, bucket);
    }
    bucket.take(1);
  }

  private forgetSome(): void {
    for (const [key, bucket] of this.buckets) if (bucket.full()) this.buckets.delete(key);
    // Still full of addresses that are all guessing: drop the oldest tenth.
    let drop = this.buckets.size >= MAX_ADDRESSES ? Math.ceil(MAX_ADDRESSES / 10) : 0;
    for (const key of this.buckets.keys()) {
      if (drop-- <= 0) break;
      this.buckets.delete(key);
    }
  }
}

/** One key per client: an IPv4 client seen through a dual-stack socket (::ffff:a.b.c.d) is a.b.c.d. */
export function clientKey(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
