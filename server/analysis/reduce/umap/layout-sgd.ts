import { instantiateKernel } from '../../wasm/instantiate.ts';

/**
 * The layout SGD kernel (layout-sgd.as.ts, built into layout-sgd.wasm by `npm run build:wasm`)
 * on the arena that holds the layout's arrays (layout-state.ts), so that the main thread and
 * the helper instantiate it on the same data.
 */
export interface LayoutSgd {
  /** See layout-sgd.as.ts runPartition: array arguments are byte offsets into the memory. */
  runPartition(
    seed: number,
    n: number,
    lo: number,
    hi: number,
    firstEdge: number,
    lastEdge: number,
    epoch: number,
    alpha: number,
    a: number,
    b: number,
    gamma: number,
    head: number,
    tail: number,
    epochsPerSample: number,
    epochsPerNegative: number,
    nextSample: number,
    nextNegative: number,
    live: number,
    snapshot: number,
    out: number,
    pool: number,
    poolIds: number,
    poolSize: number,
  ): number;
  /** The power the kernel uses, x^b (float32). */
  fastPow(x: number, b: number): number;
}

const WASM = new URL('./layout-sgd.wasm', import.meta.url);

export function instantiateLayoutSgd(memory: WebAssembly.Memory): LayoutSgd {
  return instantiateKernel<LayoutSgd>(WASM, memory);
}
