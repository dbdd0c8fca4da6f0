/** A sustained rate with room for bursts: up to `burst` at once, refilled at `perSecond`. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

/**
 * The classic token bucket: starts full, refills continuously, and a take that does not fit is
 * refused without consuming anything. The clock is injectable so the arithmetic can be checked
 * without waiting.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = limit.burst;
    this.updatedAt = now();
  }

  take(cost = 1): boolean {
    this.refill();
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }

  /** Milliseconds until `cost` would fit (0: it fits now); consumes nothing. */
  waitMs(cost = 1): number {
    this.refill();
    return this.tokens >= cost ? 0 : ((cost - this.tokens) / this.limit.perSecond) * 1000;
  }

  /** Whether the bucket is full again (nothing taken is still being paid back). */
  full(): boolean {
    this.refill();
    return this.tokens >= this.limit.burst;
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.limit.burst, this.tokens + ((t - this.updatedAt) / 1000) * this.limit.perSecond);
    this.updatedAt = t;
  }
}
