import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../shared/random.ts';
import { KdTree } from '../../../shared/spatial/kdtree.ts';
import { basePointSize } from '../../../client/scene/point-size.ts';
import { medianNeighborDistance } from '../../../client/scene/point-spacing.ts';

function grid(side: number, step: number): Float32Array {
  const out = new Float32Array(side ** 3 * 3);
  let k = 0;
  for (let x = 0; x < side; x++) for (let y = 0; y < side; y++) for (let z = 0; z < side; z++) out.set([x * step, y * step, z * step], 3 * k++);
  return out;
}

describe('point spacing and base point size', () => {
  it('measures the nearest-neighbour spacing of a lattice exactly', () => {
    expect(medianNeighborDistance(grid(10, 0.2), 1000)).toBeCloseTo(0.2, 6);
  });

  it('estimates it from a sample on large clouds (within 15% of the exact median)', () => {
    // Scattered points (three Gaussian blobs of different spreads), as layouts are; exact
    // median over all 60,000 points through the kd-tree, against the sampled estimate.
    const random = createRandom(3);
    const n = 60_000;
    const points = new Float32Array(n * 3);
    for (let i = 0; i < n; i++) {
      const blob = i % 3;
      for (let a = 0; a < 3; a++) points[3 * i + a] = blob * 2 + (random() + random() + random() - 1.5) * (0.2 + blob * 0.3);
    }
    const tree = new KdTree(points, n, 3);
    const exact = Array.from({ length: n }, (_, i) => tree.nearest(points.subarray(3 * i, 3 * i + 3), 2).distances[1]).sort((a, b) => a - b)[Math.floor((n - 1) / 2)];
    const estimate = medianNeighborDistance(points, n);
    expect(Math.abs(estimate - exact) / exact).toBeLessThan(0.15);
  });

  it('keeps tightly packed clusters from merging into blobs, and spread clouds visible', () => {
    const byVolume = basePointSize(1, 342);
    // A UMAP layout of 342 penguins: median spacing 0.006 (measured) → a point spans ~3 spacings.
    expect(basePointSize(1, 342, 0.006)).toBeCloseTo(Math.max(0.018, byVolume / 4), 6);
    expect(basePointSize(1, 342, 0.006)).toBeLessThan(byVolume / 3);
    // A spread-out PCA layout keeps the volume size.
    expect(basePointSize(1, 342, 0.055)).toBe(byVolume);
  });
});
