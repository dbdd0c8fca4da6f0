import { readFileSync } from 'node:fs';

/** Compiled once per thread and file (a few KB each: well under a millisecond). */
const compiled = new Map<string, WebAssembly.Module>();

/**
 * Instantiates one of our kernels (`<module>.wasm`, built by `npm run build:wasm`) on `memory`,
 * the arena (arena.ts) that holds the arrays it works on. `Exports` is the module's exported
 * functions, as the caller declares them beside the file.
 */
export function instantiateKernel<Exports>(wasm: URL, memory: WebAssembly.Memory): Exports {
  let module = compiled.get(wasm.href);
  if (!module) {
    module = new WebAssembly.Module(readFileSync(wasm));
    compiled.set(wasm.href, module);
  }
  return new WebAssembly.Instance(module, { env: { memory } }).exports as Exports;
}
