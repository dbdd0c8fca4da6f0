import { describe, expect, it } from 'vitest';
import { ContextCache } from '../../../server/insights/ask/context-cache.ts';

const settle = () => new Promise((r) => setImmediate(r));

describe('the per-analysis cache of ask contexts', () => {
  it('builds once per key, keeps the most recently asked within the count, and rebuilds what it dropped', async () => {
    const builds: string[] = [];
    const cache = new ContextCache<{ key: string; size: number }>({ count: 2, size: 1000 }, (v) => v.size);
    const build = (key: string) => () => {
      builds.push(key);
      return Promise.resolve({ key, size: 10 });
    };
    await cache.get('a', build('a'));
    await cache.get('a', build('a'));
    await cache.get('b', build('b'));
    await cache.get('a', build('a')); // a is now the most recent
    await cache.get('c', build('c')); // b goes
    expect(builds).toEqual(['a', 'b', 'c']);
    expect([cache.has('a'), cache.has('b'), cache.has('c')]).toEqual([true, false, true]);
    await cache.get('b', build('b'));
    expect(builds).toEqual(['a', 'b', 'c', 'b']);
  });

  it('drops the oldest once the sizes together pass the bound, but always keeps the last one asked', async () => {
    const cache = new ContextCache<number>({ count: 10, size: 100 }, (v) => v);
    await cache.get('small', () => Promise.resolve(30));
    await cache.get('big', () => Promise.resolve(90));
    await settle();
    expect([cache.has('small'), cache.has('big')]).toEqual([false, true]);
    await cache.get('huge', () => Promise.resolve(500));
    await settle();
    expect([cache.has('big'), cache.has('huge'), cache.size]).toEqual([false, true, 1]);
  });

  it('forgets a build that failed, so the next ask builds again', async () => {
    const cache = new ContextCache<number>({ count: 3, size: 100 }, (v) => v);
    await expect(cache.get('x', () => Promise.reject(new Error('disk')))).rejects.toThrow('disk');
    await settle();
    expect(cache.has('x')).toBe(false);
    await expect(cache.get('x', () => Promise.resolve(1))).resolves.toBe(1);
  });
});
