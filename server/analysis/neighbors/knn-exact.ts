import type { Matrix } from '../matrix.ts';
import { throwIfAborted, type ProgressFn } from '../progress.ts';
import { createNeighborHeaps, heapPush, sortHeaps, type NeighborHeaps } from './neighbor-heap.ts';

/**
 * Exact k nearest neighbours by brute force, each pair's distance computed once and offered to
 * both rows' heaps (half the work of the naive double loop). Rows are visited in blocks so the
 * block stays in cache while every later row streams past it. O(n²·d): for small n only.
 * Returns heaps of squared distances, unsorted.
 */
export function exactKnnHeaps(x: Matrix, k: number, signal?: AbortSignal, onProgress?: ProgressFn): NeighborHeaps {
  const { rows: n, cols: d, data } = x;
  const heaps = createNeighborHeaps(n, k);
  const block = 64;
  const totalPairs = (n * (n - 1)) / 2;
  let donePairs = 0;
  for (let start = 0; start < n; start += block) {
    throwIfAborted(signal);
    onProgress?.(totalPairs > 0 ? donePairs / totalPairs : 0);
    const end = Math.min(n, start + block);
    for (let j = start; j < n; j++) {
      const bj = j * d;
      const firstI = start;
      const lastI = Math.min(end, j);
      for (let i = firstI; i < lastI; i++) {
        const bi = i * d;
        let s = 0;
        for (let t = 0; t < d; t++) {
          const diff = data[bi + t] - data[bj + t];
          s += diff * diff;
        }
        heapPush(heaps, i, j, s, 0);
        heapPush(heaps, j, i, s, 0);
      }
    }
    // Pairs inside the block with both i, j in it were covered for j < end above.
    donePairs += (end - start) * (n - start) - ((end - start) * (end - start + 1)) / 2;
  }
  return heaps;
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

export { sortHeaps };
