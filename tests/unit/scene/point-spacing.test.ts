import { describe, expect, it } from 'vitest';
import { analysisParamsSchema } from '../../../shared/analysis-params.ts';
import { createRandom } from '../../../shared/random.ts';
import { KdTree } from '../../../shared/spatial/kdtree.ts';
import { runPipeline } from '../../../server/analysis/pipeline.ts';
import { pca } from '../../../server/analysis/reduce/pca.ts';
import { normalizeLayout } from '../../../server/analysis/stages/normalize-layout.ts';
import { basePointSize, layoutPointSize, MAX_SHARE_OF_SCALE } from '../../../shared/scene/point-size.ts';
import { medianNeighborDistance } from '../../../shared/scene/point-spacing.ts';
import { robustBox } from '../../../shared/scene/robust-box.ts';
import { loadAsset } from '../../support/assets.ts';
import { generateMixture, zScoreColumns } from '../../support/synthetic.ts';

function grid(side: number, step: number): Float32Array {
  const out = new Float32Array(side ** 3 * 3);
  let k = 0;
  for (let x = 0; x < side; x++) for (let y = 0; y < side; y++) for (let z = 0; z < side; z++) out.set([x * step, y * step, z * step], 3 * k++);
  return out;
}

/** Exact nearest-neighbour distance of every point (kd-tree over all of them). */
function nearestDistances(positions: Float32Array, n: number): Float64Array {
  const tree = new KdTree(positions, n, 3);
  const index = new Int32Array(2);
  const dist = new Float64Array(2);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    tree.nearestInto(positions, 3 * i, 2, index, dist);
    out[i] = dist[1];
  }
  return out;
}

/**
 * What a person sees of a size rule on a layout, at the home framing (the cloud's scale spans
 * about 600 px at 1280×720, as in the first-sight e2e test): the sphere diameter in pixels,
 * and the share of points drawn as one sphere with their nearest neighbour (merged: centres
 * within a quarter diameter, so the two spheres nearly coincide).
 */
function look(positions: Float32Array, n: number, diameter: number) {
  const scale = robustBox(positions, n).size;
  const nearest = nearestDistances(positions, n);
  let merged = 0;
  for (const d of nearest) if (d < diameter / 4) merged++;
  return { px: (diameter / scale) * 600, merged: merged / n };
}

const PENGUIN_FEATURES = ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'];

describe('point spacing', () => {
  it('measures the nearest-neighbour spacing of a lattice exactly, and the k-th neighbour', () => {
    expect(medianNeighborDistance(grid(10, 0.2), 1000)).toBeCloseTo(0.2, 6);
    // On a lattice the 6 face neighbours are at one step, the next 12 at √2 steps.
    expect(medianNeighborDistance(grid(10, 0.2), 1000, 8)).toBeCloseTo(0.2 * Math.SQRT2, 5);
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
    const exact = Array.from(nearestDistances(points, n)).sort((a, b) => a - b)[Math.floor((n - 1) / 2)];
    const estimate = medianNeighborDistance(points, n);
    expect(Math.abs(estimate - exact) / exact).toBeLessThan(0.15);
  });
});

describe('the point size rule on real layouts', () => {
  it('the penguins demo (UMAP, 342 rows): visible spheres (about 10 px at the home view), not a blob of coinciding ones', async () => {
    const penguins = await loadAsset('penguins');
    const out = runPipeline(penguins, analysisParamsSchema.parse({ features: PENGUIN_FEATURES, reduction: { method: 'umap' }, clustering: { method: 'kmeans', k: 3 } }));
    const n = out.positions.length / 3;
    const size = layoutPointSize(out.positions, n);
    const { px, merged } = look(out.positions, n, size);
    console.log(`penguins UMAP: ${px.toFixed(1)} px, ${(merged * 100).toFixed(0)}% merged`);
    // Measured: 10.3 px, 44% merged: UMAP strings near-identical penguins together, which no
    // visible size keeps apart (spheres sized to keep them apart would be 3 px).
    expect(px).toBeGreaterThan(5);
    expect(px).toBeLessThan(16);
    expect(merged).toBeLessThan(0.5);
  });

  it('a 100k-row mixture (PCA of 20 columns): small but visible, and neighbours do not merge', () => {
    const mix = generateMixture({ rows: 100_000, seed: 7 });
    const positions = normalizeLayout(Float32Array.from(pca(zScoreColumns(mix.numeric), 3).embedding.data));
    const n = 100_000;
    const size = layoutPointSize(positions, n);
    const { px, merged } = look(positions, n, size);
    console.log(`100k mixture PCA: ${px.toFixed(1)} px, ${(merged * 100).toFixed(0)}% merged`);
    // Measured: 2.1 px (near the scene's 2 px floor), 3% merged.
    expect(px).toBeGreaterThan(1);
    expect(px).toBeLessThan(4);
    expect(merged).toBeLessThan(0.1);
    // The same rule on a tenth of the rows draws larger points, as the spacing grows (≈ ∛10).
    const tenth = positions.slice(0, 30_000);
    const ratio = layoutPointSize(tenth, 10_000) / size;
    expect(ratio).toBeGreaterThan(1.6);
    expect(ratio).toBeLessThan(2.6);
  });

  it('is in world units: scaling a layout scales its size, and a sparse table is capped', () => {
    const p = grid(5, 1);
    const s1 = layoutPointSize(p, 125);
    const s10 = layoutPointSize(p.map((v) => v * 10), 125);
    expect(s10 / s1).toBeCloseTo(10, 4);
    // 125 lattice points, spacing 1: the cap (1/40 of the 4-unit span) wins over 0.6 × √2.
    expect(s1).toBeCloseTo(4 * MAX_SHARE_OF_SCALE, 6);
    expect(basePointSize(0, 10, 1)).toBe(0.05);
  });
});
