import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../server/collab/token-bucket.ts';

// The arithmetic behind the collab flood limits, on an injected clock (flood.test.ts drives it
// through real sockets).
describe('token bucket', () => {
  it('allows a burst, then exactly the sustained rate, and refuses without consuming', () => {
    let now = 0;
    const bucket = new TokenBucket({ perSecond: 10, burst: 5 }, () => now);
    expect(Array.from({ length: 7 }, () => bucket.take())).toEqual([true, true, true, true, true, false, false]);
    now = 250; // 2.5 tokens
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false]);
    now = 10_000; // refills to the burst, no further
    expect(bucket.take(5)).toBe(true);
    expect(bucket.take(1)).toBe(false);
    now = 10_300;
    expect(bucket.take(4)).toBe(false); // 3 tokens: a refused take costs nothing
    expect(bucket.take(3)).toBe(true);
  });
});
