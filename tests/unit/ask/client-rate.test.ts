import { describe, expect, it } from 'vitest';
import { ClientRate } from '../../../server/api/client-rate.ts';
import { HttpError } from '../../../server/api/http-error.ts';

describe('questions per client address', () => {
  it('lets a burst through, refuses the next with 429 and Retry-After, and refills with time; clients are apart', () => {
    let now = 0;
    const rate = new ClientRate({ perSecond: 1, burst: 2 }, 'questions', () => now);
    rate.take('a');
    rate.take('a');
    let refused: unknown;
    try {
      rate.take('a');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(HttpError);
    expect((refused as HttpError).status).toBe(429);
    expect((refused as HttpError).headers['retry-after']).toBe('1');
    expect((refused as HttpError).message).toMatch(/at most 60 a minute/);
    rate.take('b'); // another address has its own budget
    now += 1000;
    expect(() => rate.take('a')).not.toThrow();
  });
});
