import { instantiateKernel } from '../wasm/instantiate.ts';

/** NN-descent's distance passes in WebAssembly (distances.as.ts); arrays are byte offsets into the arena's memory. */
export interface DistanceKernels {
  joinDistances(data: number, d: number, roots: number, k: number, newCand: number, oldCand: number, m: number, from: number, to: number, out: number): void;
  leafDistances(data: number, d: number, order: number, bounds: number, leaves: number, out: number): void;
}

const WASM = new URL('./distances.wasm', import.meta.url);

export function instantiateDistances(memory: WebAssembly.Memory): DistanceKernels {
  return instantiateKernel<DistanceKernels>(WASM, memory);
}
