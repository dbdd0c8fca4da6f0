import type { Matrix } from '../matrix.ts';
import { sharedCopy } from '../reduce/lockstep-helper.ts';
import { attachWasmArena, createWasmArena } from '../wasm/arena.ts';
import { measureTrustQueries } from './trustworthiness.ts';
import { buildRankIndex, type RankIndex } from './rank-counter.ts';

/**
 * A measurement two threads share (every array on shared memory): each takes the next query
 * from `next` until none is left and writes its cost; costs of queries not yet measured are −1.
 * The features' rank index (built once) lives in an arena (`memory`), which each thread attaches.
 */
export interface TrustShare {
  memory: WebAssembly.Memory;
  high: RankIndex;
  low: Matrix;
  k: number;
  queries: Int32Array;
  /** [0]: the next query to take. */
  next: Int32Array;
  costs: Float64Array;
}

export function createTrustShare(high: Matrix, low: Matrix, k: number, queries: Int32Array): TrustShare {
  const costs = new Float64Array(new SharedArrayBuffer(queries.length * 8)).fill(-1);
  const arena = createWasmArena();
  return {
    memory: arena.memory,
    high: buildRankIndex(high, arena),
    low: { ...low, data: sharedCopy(low.data) },
    k,
    queries: sharedCopy(queries),
    next: new Int32Array(new SharedArrayBuffer(4)),
    costs,
  };
}

/** Takes and measures queries of `share` until none is left (on either thread). */
export function measureShared(share: TrustShare): void {
  measureTrustQueries(share.high, attachWasmArena(share.memory), share.low, share.k, share.queries, () => Atomics.add(share.next, 0, 1), share.costs);
}

/** Helper-thread side of trust-stage.ts. */
export function createKernel(share: TrustShare): () => void {
  return () => measureShared(share);
}
