import { readFileSync } from 'node:fs';

/**
 * The layout SGD kernel (layout-sgd.as.ts, built into layout-sgd.wasm by `npm run build:wasm`)
 * on a shared memory that holds the layout's arrays (layout-state.ts), so that the main thread
 * and the helper instantiate it on the same data.
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

/** Compiled once per thread: 3 KB, well under a millisecond. */
let compiled: WebAssembly.Module | null = null;

export function instantiateLayoutSgd(memory: WebAssembly.Memory): LayoutSgd {
  compiled ??= new WebAssembly.Module(readFileSync(WASM));
  const instance = new WebAssembly.Instance(compiled, { env: { memory } });
  return instance.exports as unknown as LayoutSgd;
}
