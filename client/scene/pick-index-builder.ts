import { buildPickIndex, type PickIndex } from './pick-index.ts';

/** Below this many points the index builds on the calling thread in a few milliseconds. */
export const WORKER_THRESHOLD = 50_000;

/**
 * Builds the pick index of `positions`, in a worker for big clouds so the first frames and
 * camera moves stay smooth (~0.5 s for 1M points). The positions are copied, not transferred:
 * the scene keeps drawing from them.
 */
export function buildPickIndexAsync(positions: Float32Array, count: number): { promise: Promise<PickIndex>; cancel(): void } {
  if (count < WORKER_THRESHOLD || typeof Worker === 'undefined') {
    return { promise: Promise.resolve().then(() => buildPickIndex(positions, count)), cancel() {} };
  }
  const worker = new Worker(new URL('./pick-index.worker.ts', import.meta.url), { type: 'module' });
  const promise = new Promise<PickIndex>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<PickIndex>) => {
      resolve(e.data);
      worker.terminate();
    };
    worker.onerror = (e) => {
      // A worker that cannot load (blocked, 404 after a redeploy) must not leave hover dead:
      // build here instead, one stall rather than no picking at all.
      e.preventDefault();
      worker.terminate();
      console.warn(`pick index worker failed (${e.message}); building on the main thread`);
      try {
        resolve(buildPickIndex(positions, count));
      } catch (err) {
        reject(err);
      }
    };
  });
  const copy = positions.slice(0, count * 3);
  worker.postMessage({ positions: copy, count }, [copy.buffer]);
  return { promise, cancel: () => worker.terminate() };
}
