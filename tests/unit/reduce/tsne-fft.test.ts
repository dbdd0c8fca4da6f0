import { describe, expect, it } from 'vitest';
import { trustworthiness } from '../../../server/analysis/quality/trustworthiness.ts';
import { createFftRepulsion, fftRepulsion } from '../../../server/analysis/reduce/tsne/fft-repulsion.ts';
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
  // A real t-SNE layout (Barnes–Hut) of the 1,200-row mixture: clusters, gaps and outliers.
  const { x } = overlappingMixture(1200);
  const layout = Float64Array.from(tsne(x, { seed: 1, nIter: 400, repulsion: 'barnes-hut' }).data);
  const n = x.rows;
  const exact = exactRepulsion(layout, n);

  it.each([
    // [boxes cap, force error bound, Z error bound]: measured on this layout 0.0030 / 2e-5 with
    // boxes 0.63 wide, FIt-SNE's own grid (≤ 1 unit per box); 0.050 / 4e-4 at the default cap.
    [21, 0.006, 1e-4],
    [10, 0.08, 1e-3],
  ])('matches the exact sums with at most %i boxes per axis', (maxBoxes, forceBound, zBound) => {
    const state = createFftRepulsion(n, { maxBoxes });
    const forces = new Float64Array(3 * n);
    const z = fftRepulsion(state, layout, n, forces);
    expect(state.last.boxes).toBe(maxBoxes);
    expect(relativeError(forces, exact.forces)).toBeLessThan(forceBound);
    expect(Math.abs(z - exact.z) / exact.z).toBeLessThan(zBound);
  });

  it('converges as the boxes shrink', () => {
    const errors = [5, 10, 21].map((maxBoxes) => {
      const forces = new Float64Array(3 * n);
      fftRepulsion(createFftRepulsion(n, { maxBoxes }), layout, n, forces);
      return relativeError(forces, exact.forces);
    });
    expect(errors[1]).toBeLessThan(errors[0] / 3);
    expect(errors[2]).toBeLessThan(errors[1] / 3);
  });
});

describe('FFT t-SNE', () => {
  it('keeps neighbourhoods as well as Barnes–Hut on the same data (trustworthiness within 0.01)', () => {
    const { x } = overlappingMixture(1200);
    const bh = trustworthiness(x, tsne(x, { seed: 1, nIter: 400, repulsion: 'barnes-hut' }), 10);
    const fft = trustworthiness(x, tsne(x, { seed: 1, nIter: 400, repulsion: 'fft' }), 10);
    expect(fft).toBeGreaterThan(bh - 0.01);
  });

  it('is deterministic for a seed, reports its layouts and stops when aborted', () => {
    const { x } = penguins();
    const layouts: number[] = [];
    const a = tsne(x, { seed: 4, nIter: 300, repulsion: 'fft', layoutEvery: 100, onLayout: (_, it) => layouts.push(it) });
    expect(tsne(x, { seed: 4, nIter: 300, repulsion: 'fft' }).data).toEqual(a.data);
    expect(layouts).toEqual([100, 200, 300]);
    const controller = new AbortController();
    expect(() => tsne(x, { nIter: 300, repulsion: 'fft', layoutEvery: 10, signal: controller.signal, onLayout: (_, it) => it >= 50 && controller.abort() })).toThrow(
      expect.objectContaining({ name: 'CancelledError' }),
    );
  });
});
