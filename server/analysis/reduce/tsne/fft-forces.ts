import { sharedCopy, type LockstepHelper } from '../lockstep-helper.ts';
import type { SparseAffinities } from './affinities.ts';
import { attractionWithNearCorrection } from './attraction.ts';
import type { AttractionShare } from './attraction-kernel.ts';
import { createFftRepulsion, prepareGrid, solveGrid, type FftRepulsionOptions } from './fft-repulsion.ts';

/**
 * Solving the 64³ grid costs the main thread about what the attraction pass costs on 16,000
 * rows (measured at 20k rows: 33 ms against 41 ms): the helper takes that many more rows.
 */
const GRID_WORTH_IN_ROWS = 8_000;

/**
 * Both halves of the FFT t-SNE's gradient per step: the attraction over P into `attractive`,
 * the repulsion on the grid plus the near-pair corrections into `forces`, Z returned. With a
 * helper (arrays on shared memory, P included: see shareAffinities) the main thread solves
 * the grid, then takes the first rows of the attraction pass while the helper does the rest;
 * the split depends on n only, so the sums, and the layout, never depend on the thread count.
 */
export function fftForces(
  P: SparseAffinities,
  pos: Float64Array,
  attractive: Float64Array,
  forces: Float64Array,
  opts: FftRepulsionOptions | undefined,
  helper: LockstepHelper | null,
): (it: number) => number {
  const n = P.n;
  const shared = helper !== null;
  const floats = (count: number) => new Float64Array(shared ? new SharedArrayBuffer(8 * count) : new ArrayBuffer(8 * count));
  const grid = createFftRepulsion(n, { ...opts, shared });
  const near = floats(3 * n);
  const nearZ = floats(1);
  const split = Math.max(0, Math.floor(n / 2) - GRID_WORTH_IN_ROWS);
  const share: AttractionShare = { P, pos, out: attractive, table: grid.table, near, z: nearZ, from: split };
  const parallel = helper ? helper.attach(share) : false;
  return (it) => {
    prepareGrid(grid, pos, n);
    let z: number;
    if (parallel) {
      helper!.begin(it);
      z = solveGrid(grid, pos, n, forces);
      const head = attractionWithNearCorrection(P, pos, 0, split, attractive, grid.table, near);
      helper!.end();
      z += head + nearZ[0];
    } else {
      z = solveGrid(grid, pos, n, forces);
      const head = attractionWithNearCorrection(P, pos, 0, split, attractive, grid.table, near);
      z += head + attractionWithNearCorrection(P, pos, split, n, attractive, grid.table, near);
    }
    for (let c = 0; c < 3 * n; c++) forces[c] += near[c];
    return z;
  };
}

/** P copied onto SharedArrayBuffers, for the helper thread. */
export function shareAffinities(P: SparseAffinities): SparseAffinities {
  return { n: P.n, rowStart: sharedCopy(P.rowStart), cols: sharedCopy(P.cols), values: sharedCopy(P.values) };
}
