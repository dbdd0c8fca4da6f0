import { instantiateKernel } from '../wasm/instantiate.ts';

/**
 * NN-descent's kernels in WebAssembly (kernels.as.ts: distances.as.ts and heap-offers.as.ts);
 * arrays are byte offsets into the arena's memory, `owner` is row-owner.ts's.
 */
export interface NeighborKernels {
  joinDistances(data: number, d: number, roots: number, k: number, newCand: number, oldCand: number, m: number, from: number, to: number, out: number): void;
  leafDistances(data: number, d: number, order: number, bounds: number, leaves: number, out: number): void;
  hyperplaneMargins(data: number, d: number, rows: number, count: number, normal: number, midpoint: number, out: number): void;
  applyJoinDistances(indices: number, distances: number, flags: number, k: number, newCand: number, oldCand: number, m: number, from: number, to: number, dist: number, owner: number): number;
  pushLeafPairs(indices: number, distances: number, flags: number, k: number, order: number, bounds: number, leaves: number, pairs: number, owner: number): void;
  pushCandidates(
    n: number,
    k: number,
    indices: number,
    isNew: number,
    m: number,
    newIndices: number,
    newDistances: number,
    newFlags: number,
    oldIndices: number,
    oldDistances: number,
    oldFlags: number,
    roundSeed: number,
    owner: number,
  ): void;
}

const WASM = new URL('./kernels.wasm', import.meta.url);

export function instantiateNeighborKernels(memory: WebAssembly.Memory): NeighborKernels {
  return instantiateKernel<NeighborKernels>(WASM, memory);
}
