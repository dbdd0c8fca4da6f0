import { describe, expect, it } from 'vitest';
import { trustworthiness } from '../../../server/analysis/quality/trustworthiness.ts';
import { knn } from '../../../server/analysis/neighbors/knn.ts';
import { jointAffinities, relabelAffinities } from '../../../server/analysis/reduce/tsne/affinities.ts';
import { breadthFirstOrderCsr, permuteRows, unpermuteRows } from '../../../server/analysis/reduce/graph-order.ts';
import { attractionWithNearCorrection } from '../../../server/analysis/reduce/tsne/attraction.ts';
import { createFftRepulsion, fftRepulsion, prepareGrid, solveGrid } from '../../../server/analysis/reduce/tsne/fft-repulsion.ts';
import { tsne } from '../../../server/analysis/reduce/tsne/tsne.ts';
import { overlappingMixture, penguins } from './datasets.ts';

/** The exact O(n²) sums the FFT path approximates: Σ_j q_ij² (y_i − y_j) and Z = Σ_{i≠j} q_ij. */
function exactRepulsion(pos: Float64Array, n: number): { forces: Float64Array; z: number } {
  const forces = new Float64Array(3 * n);
  let z = 0;
  for (let i = 0; i < n; i++) {
    let fx = 0, fy = 0, fz = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const dx = pos[3 * i] - pos[3 * j], dy = pos[3 * i + 1] - pos[3 * j + 1], dz = pos[3 * i + 2] - pos[3 * j + 2];
      const q = 1 / (1 + dx * dx + dy * dy + dz * dz);
      z += q;
      fx += q * q * dx;
      fy += q * q * dy;
      fz += q * q * dz;
    }
    forces[3 * i] = fx;
    forces[3 * i + 1] = fy;
    forces[3 * i + 2] = fz;
  }
  return { forces, z };
}

/** ‖approx − exact‖ / ‖exact‖ over all force components. */
function relativeError(approx: Float64Array, exact: Float64Array): number {
  let num = 0, den = 0;
  for (let c = 0; c < exact.length; c++) {
    num += (approx[c] - exact[c]) ** 2;
    den += exact[c] ** 2;
  }
  return Math.sqrt(num / den);
}

describe('FFT repulsion', () => {
  // Real t-SNE layouts (Barnes–Hut) of the 1,200-row mixture: compact at the end of early
  // exaggeration (250 iterations, extent ~10), spread out at the end (750, extent ~80).
  const { x } = overlappingMixture(1200);
  const n = x.rows;
  const layoutAt = (nIter: number) => Float64Array.from(tsne(x, { seed: 1, nIter, repulsion: 'barnes-hut' }).data);

  it("matches the exact sums on FIt-SNE's grid and converges as the boxes shrink", () => {
    const layout = layoutAt(250);
    const exact = exactRepulsion(layout, n);
    const [coarse, fine] = [5, 10].map((maxBoxes) => {
      const state = createFftRepulsion(n, { maxBoxes, smoothing: 0 });
      const forces = new Float64Array(3 * n);
      const z = fftRepulsion(state, layout, n, forces);
      return { state, force: relativeError(forces, exact.forces), z: Math.abs(z - exact.z) / exact.z };
    });
    // Measured: boxes 1.0 wide (FIt-SNE's), forces 0.032 and Z 0.046 off; boxes 2.0 wide, 0.16 and 0.36.
    expect(fine.state.last.boxWidth).toBeLessThanOrEqual(1.05);
    expect(fine.force).toBeLessThan(0.05);
    expect(fine.z).toBeLessThan(0.07);
    expect(fine.force).toBeLessThan(coarse.force / 3);
    expect(fine.z).toBeLessThan(coarse.z / 3);
  });

  it('stays close on a spread-out layout with the blurred kernel and the near-pair correction', () => {
    const layout = layoutAt(750);
    const exact = exactRepulsion(layout, n);
    const P = jointAffinities(knn(x, 90, { seed: 1 }), n, 30);
    // Plain interpolation at the capped grid (boxes ~8 units wide): the kernel is far narrower
    // than the nodes' spacing and the sums are garbage (measured forces 10.7×, Z 0.51 off).
    const plain = createFftRepulsion(n, { smoothing: 0 });
    const plainForces = new Float64Array(3 * n);
    fftRepulsion(plain, layout, n, plainForces);
    expect(plain.last.boxWidth).toBeGreaterThan(5);
    expect(relativeError(plainForces, exact.forces)).toBeGreaterThan(2);
    // What the optimiser uses (measured forces 0.20, Z 0.11 off).
    const state = createFftRepulsion(n);
    const forces = new Float64Array(3 * n);
    prepareGrid(state, layout, n);
    let z = solveGrid(state, layout, n, forces);
    const near = new Float64Array(3 * n);
    z += attractionWithNearCorrection(P, layout, 0, n, new Float64Array(3 * n), state.table, near);
    for (let c = 0; c < 3 * n; c++) forces[c] += near[c];
    expect(relativeError(forces, exact.forces)).toBeLessThan(0.3);
    expect(Math.abs(z - exact.z) / exact.z).toBeLessThan(0.16);
  });
});

describe("t-SNE's rows in P's breadth-first order (FFT sizes)", () => {
  it('sums the same attraction per row, bit for bit, once mapped back', () => {
    const { x } = overlappingMixture(600);
    const P = jointAffinities(knn(x, 30, { method: 'exact' }), x.rows, 10);
    const { order, rank } = breadthFirstOrderCsr(P.n, P.rowStart, P.cols);
    const ordered = relabelAffinities(P, order, rank);
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: P.n }, (_, i) => i));
    const pos = Float64Array.from({ length: 3 * P.n }, (_, i) => Math.sin(i * 12.9898) * 5);
    const table = new Float64Array(4);
    const near = new Float64Array(3 * P.n);
    const direct = new Float64Array(3 * P.n);
    attractionWithNearCorrection(P, pos, 0, P.n, direct, table, near);
    const viaOrder = new Float64Array(3 * P.n);
    attractionWithNearCorrection(ordered, permuteRows(pos, 3, order, new Float64Array(3 * P.n)), 0, P.n, viaOrder, table, near);
    const back = new Float64Array(3 * P.n);
    unpermuteRows(viaOrder, 3, order, back);
    expect(back).toEqual(direct);
    // And it is local: a row's neighbours sit nearer in the new order than in the given one.
    const spread = (Q: typeof P): number => {
      let sum = 0;
      for (let i = 0; i < Q.n; i++) for (let e = Q.rowStart[i]; e < Q.rowStart[i + 1]; e++) sum += Math.abs(Q.cols[e] - i);
      return sum / Q.cols.length;
    };
    expect(spread(ordered)).toBeLessThan(spread(P) / 2);
  });
});

describe('FFT t-SNE', () => {
  it('keeps neighbourhoods as well as Barnes–Hut on the same data (trustworthiness within 0.01)', () => {
    const { x } = overlappingMixture(1200);
    // The grid's cost does not shrink with n, so a coarser one (at most 5 boxes per axis, FFT
    // 32³: 4 s of CPU instead of 11) keeps this cheap; boxes twice as wide make it the harder
    // case. Measured: Barnes–Hut 0.9881, FFT 0.9870 (0.9879 at the default 10 boxes). The
    // default grid at 20k and 100k rows is measured by `npm run bench -- tsne`.
    const bh = trustworthiness(x, tsne(x, { seed: 1, nIter: 400, repulsion: 'barnes-hut' }), 10);
    const fft = trustworthiness(x, tsne(x, { seed: 1, nIter: 400, repulsion: 'fft', fft: { maxBoxes: 5 } }), 10);
    expect(fft).toBeGreaterThan(bh - 0.01);
  });

  it('gives the same layout with the attraction on a helper thread as without', () => {
    const { x } = overlappingMixture(1200);
    // By iteration ~100 this layout outgrows 5 boxes of width 1: the blurred kernel and the
    // near-pair corrections are in play.
    const fft = { maxBoxes: 5 };
    expect(tsne(x, { seed: 3, nIter: 150, repulsion: 'fft', fft, threads: 2 }).data).toEqual(tsne(x, { seed: 3, nIter: 150, repulsion: 'fft', fft, threads: 1 }).data);
  });

  it('is deterministic for a seed, reports its layouts and stops when aborted', () => {
    const { x } = penguins();
    const layouts: number[] = [];
    // A small grid (FFT 32³) keeps these runs cheap: the grid's cost does not shrink with n.
    const fft = { maxBoxes: 5 };
    const a = tsne(x, { seed: 4, nIter: 150, repulsion: 'fft', fft, layoutEvery: 50, onLayout: (_, it) => layouts.push(it) });
    expect(tsne(x, { seed: 4, nIter: 150, repulsion: 'fft', fft }).data).toEqual(a.data);
    expect(tsne(x, { seed: 5, nIter: 150, repulsion: 'fft', fft }).data).not.toEqual(a.data);
    // Epoch 0 is the starting layout, reported before the neighbour search (the first cloud).
    expect(layouts).toEqual([0, 50, 100, 150]);
    const controller = new AbortController();
    expect(() => tsne(x, { nIter: 150, repulsion: 'fft', fft, layoutEvery: 10, signal: controller.signal, onLayout: (_, it) => it >= 50 && controller.abort() })).toThrow(
      expect.objectContaining({ name: 'CancelledError' }),
    );
  });
});
