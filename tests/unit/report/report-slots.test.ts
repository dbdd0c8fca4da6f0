import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../server/api/http-error.ts';
import { ReportSlots } from '../../../server/services/report-slots.ts';

describe('ReportSlots', () => {
  it('runs one report at a time in arrival order, queues a few and refuses the rest with 429', async () => {
    const slots = new ReportSlots(1, 2);
    const order: string[] = [];
    let release!: () => void;
    const first = slots.run(async () => {
      order.push('first starts');
      await new Promise<void>((resolve) => (release = resolve));
      order.push('first ends');
    });
    const second = slots.run(async () => void order.push('second'));
    const third = slots.run(async () => void order.push('third'));
    const refused = slots.run(async () => void order.push('fourth')).catch((error: unknown) => error);
    const error = await refused;
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(429);
    expect((error as HttpError).headers['retry-after']).toBe('10');
    release();
    await Promise.all([first, second, third]);
    expect(order).toEqual(['first starts', 'first ends', 'second', 'third']);
    // A failing report frees its slot too.
    await expect(slots.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await slots.run(async () => 'after')).toBe('after');
  });
});
