import { describe, expect, it } from 'vitest';
import { QueueCaps, QueueFullError } from '../../../server/jobs/queue-caps.ts';

describe('queue caps', () => {
  it('holds a place per admitted submission, refuses beyond the per-requester and total limits, and frees places as analyses end', () => {
    const caps = new QueueCaps({ total: 4, perRequester: 2 });
    const t1 = caps.admit('owner');
    caps.bind(t1, 'a1');
    const t2 = caps.admit('owner'); // admitted, record not yet written: it counts already
    expect(() => caps.admit('owner')).toThrow(QueueFullError);
    try {
      caps.admit('owner');
    } catch (e) {
      expect(e).toMatchObject({ code: 'queue_full', retryAfterSeconds: 30 });
      expect((e as Error).message).toMatch(/You already have 2 analyses queued or running; at most 2/);
    }
    caps.admit('session:s1');
    caps.admit('session:s2');
    expect(() => caps.admit('session:s3')).toThrow(/The server has 4 analyses queued or running; at most 4/);
    caps.release(t2); // its record could not be written
    caps.bind(t2, 'never'); // a released ticket binds nothing
    caps.admit('session:s3');
    caps.release('a1'); // a1 finished
    caps.bind(caps.admit('owner'), 'a3');
    expect(() => caps.admit('owner')).toThrow(/at most 4/);
  });
});
