import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Our WebAssembly kernels: each `<module>.as.ts` (AssemblyScript) is compiled into the
 * `<module>.wasm` beside it, which is committed, so that installing and running need no
 * compiler. `npm run build:wasm` rebuilds them; a test requires the committed files to be
 * exactly what this gives.
 */
export const WASM_MODULES = ['server/analysis/reduce/umap/layout-sgd', 'server/analysis/neighbors/kernels', 'server/analysis/quality/rank-counter'] as const;

/** The kernels import one shared memory (wasm/arena.ts), use SIMD, and allocate nothing. */
const ASC_FLAGS = ['-O3', '--noAssert', '--runtime', 'stub', '--importMemory', '--sharedMemory', '--initialMemory', '1', '--maximumMemory', '65536', '--enable', 'simd,threads'];

export const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Compiles `module` into `outFile` (a path). */
export function compileWasm(module: string, outFile: string): void {
  const asc = fileURLToPath(new URL('../node_modules/assemblyscript/bin/asc.js', import.meta.url));
  execFileSync(process.execPath, [asc, `${module}.as.ts`, '-o', outFile, ...ASC_FLAGS], { cwd: ROOT, stdio: 'pipe' });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const module of WASM_MODULES) {
    compileWasm(module, `${module}.wasm`);
    console.log(`built ${module}.wasm`);
  }
}
