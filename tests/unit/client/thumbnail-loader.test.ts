import { describe, expect, it } from 'vitest';
import { ThumbnailLoader } from '../../../client/session/thumbnail-loader.ts';
import { imageColumnOf } from '../../../client/session/image-column.ts';
import { imageSource, isImageColumn } from '../../../shared/image-files.ts';

/** A fetch that resolves when told to, counting how many ran at once. */
function gatedFetch() {
  const gates = new Map<string, () => void>();
  let running = 0;
  let most = 0;
  return {
    fetchBlob: (src: string) => {
      running++;
      most = Math.max(most, running);
      return new Promise<Blob>((resolve, reject) => {
        gates.set(src, () => {
          running--;
          if (src.includes('missing')) reject(new Error('404 Not Found'));
          else resolve(new Blob([src], { type: 'image/png' }));
        });
      });
    },
    release: (src: string) => gates.get(src)?.(),
    pending: () => [...gates.keys()],
    most: () => most,
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('ThumbnailLoader', () => {
  it('runs at most `concurrency` fetches, keeps at most `capacity` images and revokes the evicted ones', async () => {
    const net = gatedFetch();
    const revoked: string[] = [];
    const loader = new ThumbnailLoader({ fetchBlob: net.fetchBlob, capacity: 3, concurrency: 2, revokeUrl: (u) => { revoked.push(u); URL.revokeObjectURL(u); } });
    const loads = ['a', 'b', 'c', 'd'].map((s) => loader.load(s));
    await flush();
    expect(loader.active).toBe(2);
    for (let i = 0; i < 4; i++) {
      for (const src of net.pending()) net.release(src);
      await flush();
    }
    const urls = await Promise.all(loads.slice(1));
    expect(net.most()).toBe(2);
    expect(loader.size).toBeLessThanOrEqual(3);
    // 'a' was the least recently used when 'd' arrived: dropped, its URL (if made) revoked.
    expect(loader.peek('a')).toBeNull();
    expect(loader.peek('d')).toBe(urls[2]);
    expect(await (await fetch(urls[2])).text()).toBe('d');
    loader.clear();
    expect(revoked).toEqual(expect.arrayContaining(urls));
    expect(loader.size).toBe(0);
  });

  it('remembers a failure and says why', async () => {
    const net = gatedFetch();
    const loader = new ThumbnailLoader({ fetchBlob: net.fetchBlob });
    const load = loader.load('missing.png');
    await flush();
    net.release('missing.png');
    await expect(load).rejects.toThrow('404 Not Found');
    await expect(loader.load('missing.png')).rejects.toThrow('404 Not Found');
  });
});

describe('image columns', () => {
  it('are told by their values\' extensions; a stored name maps to our server, a URL stays a URL', () => {
    expect(isImageColumn(['digit-0001.png', 'x/y.JPG', 'https://e.org/a.webp?s=2', null, ''])).toBe(true);
    expect(isImageColumn(['a.png', 'b', 'c', 'd'])).toBe(false);
    expect(imageSource('ds1', 'digit-0001.png')).toBe('/api/datasets/ds1/images/digit-0001.png');
    expect(imageSource('ds1', 'https://example.org/a.png')).toBe('https://example.org/a.png');
    expect(imageSource('ds1', '../../etc/passwd')).toBeNull();
    const profile = (name: string, values: string[]) => ({ name, type: 'text' as const, missing: 0, distinct: 3, identifier: true, profile: { name, type: 'text' as const, identifier: true, count: 3, missing: 0, distinct: 3, averageLength: 10, top: values.map((value) => ({ value, count: 1 })) } });
    expect(imageColumnOf({ columns: [profile('note', ['hello']), profile('photo', ['a.png', 'b.gif'])] })).toBe('photo');
  });
});
