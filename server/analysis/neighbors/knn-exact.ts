import type { Matrix } from '../matrix.ts';
import { throwIfAborted, type ProgressFn } from '../progress.ts';
import { createNeighborHeaps, heapPush, sortHeaps, type NeighborHeaps } from './neighbor-heap.ts';

/**
 * Exact k nearest neighbours by brute force, each pair's distance computed once and offered to
 * both rows' heaps (half the work of the naive double loop). Four query rows are compared
 * with each later row at once, so every value of that row is loaded once for four distances
 * (register blocking: about 1.5× faster in V8 than one pair at a time). O(n²·d): for small n.
 * Returns heaps of squared distances, unsorted.
 */
export function exactKnnHeaps(x: Matrix, k: number, signal?: AbortSignal, onProgress?: ProgressFn): NeighborHeaps {
  const { rows: n, cols: d, data } = x;
  const heaps = createNeighborHeaps(n, k);
  const dist = heaps.distances;
  const offer = (i: number, j: number, s: number): void => {
    // Most pairs are farther than both current k-th neighbours: test before pushing.
    if (s < dist[i * k]) heapPush(heaps, i, j, s, 0);
    if (s < dist[j * k]) heapPush(heaps, j, i, s, 0);
  };
  let i0 = 0;
  for (; i0 + 4 <= n; i0 += 4) {
    if ((i0 & 255) === 0) {
      throwIfAborted(signal);
      onProgress?.(1 - ((n - i0) / n) ** 2);
    }
    for (let a = i0; a < i0 + 4; a++) for (let b = a + 1; b < i0 + 4; b++) offer(a, b, squaredDistance(data, a, b, d));
    const b0 = i0 * d, b1 = b0 + d, b2 = b1 + d, b3 = b2 + d;
    for (let j = i0 + 4; j < n; j++) {
      const bj = j * d;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let t = 0; t < d; t++) {
        const v = data[bj + t];
        const e0 = data[b0 + t] - v, e1 = data[b1 + t] - v, e2 = data[b2 + t] - v, e3 = data[b3 + t] - v;
        s0 += e0 * e0;
        s1 += e1 * e1;
        s2 += e2 * e2;
        s3 += e3 * e3;
      }
      offer(i0, j, s0);
      offer(i0 + 1, j, s1);
      offer(i0 + 2, j, s2);
      offer(i0 + 3, j, s3);
    }
  }
  for (; i0 < n; i0++) for (let j = i0 + 1; j < n; j++) offer(i0, j, squaredDistance(data, i0, j, d));
  onProgress?.(1);
  return heaps;
}

function squaredDistance(data: Float32Array, p: number, q: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) {
    const diff = data[p * d + t] - data[q * d + t];
    s += diff * diff;
  }
  return s;
}

/** The k nearest rows of `x` to row `query` (itself excluded), nearest first, with euclidean distances. */
export function knnOfRow(x: Matrix, query: number, k: number): { indices: Int32Array; distances: Float32Array } {
  const heaps = createNeighborHeaps(1, k);
  const { rows: n, cols: d, data } = x;
  const bq = query * d;
  for (let j = 0; j < n; j++) {
    if (j === query) continue;
    let s = 0;
    const bj = j * d;
    for (let t = 0; t < d; t++) {
      const diff = data[bq + t] - data[bj + t];
      s += diff * diff;
    }
    heapPush(heaps, 0, j, s, 0);
  }
  sortHeaps(heaps);
  const distances = heaps.distances.map(Math.sqrt);
  return { indices: heaps.indices, distances };
}

