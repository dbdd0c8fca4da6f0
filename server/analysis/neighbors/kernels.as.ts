// AssemblyScript: NN-descent's kernels, compiled into kernels.wasm by `npm run build:wasm`
// (build/wasm.ts). Arrays live in a shared memory (wasm/arena.ts) and are passed as byte offsets.
export { joinDistances, leafDistances, hyperplaneMargins } from './distances.as';
export { applyJoinDistances, pushLeafPairs, pushCandidates } from './heap-offers.as';
