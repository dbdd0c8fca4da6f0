import type { WasmArena } from '../wasm/arena.ts';

/**
 * Fixed-size max-heaps of (index, distance) pairs, one per row, laid out flat in typed arrays
 * (row i owns slots [i·k, (i+1)·k)): the working memory of neighbour searches. The root holds
 * the worst kept neighbour, so "is this candidate worth keeping" is one comparison. Empty slots
 * have index -1 and distance +Infinity.
 */
export interface NeighborHeaps {
  n: number;
  k: number;
  indices: Int32Array;
  distances: Float32Array;
  /** 1 = the neighbour is new since the last local join (NN-descent); unused elsewhere. */
  isNew: Uint8Array;
}

/** `arena`: on a shared WebAssembly memory (wasm/arena.ts), for a helper thread and our kernels. */
export function createNeighborHeaps(n: number, k: number, arena?: WasmArena): NeighborHeaps {
  return {
    n,
    k,
    indices: (arena ? arena.i32(n * k) : new Int32Array(n * k)).fill(-1),
    distances: (arena ? arena.f32(n * k) : new Float32Array(n * k)).fill(Infinity),
    isNew: arena ? arena.u8(n * k) : new Uint8Array(n * k),
  };
}

/**
 * Offers j at distance d to row i's heap. Returns 1 if kept, 0 if rejected (too far or
 * already present).
 */
export function heapPush(h: NeighborHeaps, i: number, j: number, d: number, isNew: number): number {
  const { k, indices, distances, isNew: flags } = h;
  const base = i * k;
  if (d >= distances[base]) return 0;
  for (let t = 0; t < k; t++) if (indices[base + t] === j) return 0;
  // Replace the root, then sift down.
  let pos = 0;
  for (;;) {
    const left = 2 * pos + 1;
    if (left >= k) break;
    const right = left + 1;
    let child = left;
    if (right < k && distances[base + right] > distances[base + left]) child = right;
    if (distances[base + child] <= d) break;
    indices[base + pos] = indices[base + child];
    distances[base + pos] = distances[base + child];
    flags[base + pos] = flags[base + child];
    pos = child;
  }
  indices[base + pos] = j;
  distances[base + pos] = d;
  flags[base + pos] = isNew;
  return 1;
}

/** Sorts every row's heap ascending by distance in place (heap order is lost). */
export function sortHeaps(h: NeighborHeaps): void {
  const { n, k, indices, distances } = h;
  const order = new Int32Array(k);
  const idx = new Int32Array(k);
  const dist = new Float32Array(k);
  for (let i = 0; i < n; i++) {
    const base = i * k;
    for (let t = 0; t < k; t++) order[t] = t;
    order.sort((a, b) => distances[base + a] - distances[base + b] || indices[base + a] - indices[base + b]);
    for (let t = 0; t < k; t++) {
      idx[t] = indices[base + order[t]];
      dist[t] = distances[base + order[t]];
    }
    indices.set(idx, base);
    distances.set(dist, base);
  }
}
