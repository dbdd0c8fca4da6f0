import { describe, expect, it } from 'vitest';
import * as THREE from 'three';
import { analysisParamsSchema } from '../../../shared/analysis-params.ts';
import { createRandom, randomNormal } from '../../../shared/random.ts';
import { runPipeline } from '../../../server/analysis/pipeline.ts';
import { FRAME_FILL, framePose } from '../../../shared/scene/frame-pose.ts';
import { PointFlag } from '../../../shared/scene/flags.ts';
import type { CameraPose } from '../../../client/scene/types.ts';
import { loadAsset } from '../../support/assets.ts';

const DIRECTION: [number, number, number] = [0.55, 0.38, 1];

/** 2nd and 98th percentile of the points' NDC x and y seen from `pose` (only `use`d points). */
function band(positions: Float32Array, pose: CameraPose, aspect: number, use: (i: number) => boolean = () => true) {
  const cam = new THREE.PerspectiveCamera(50, aspect, 0.001, 1000);
  cam.position.set(...pose.position);
  cam.lookAt(...pose.target);
  cam.updateMatrixWorld();
  const xs: number[] = [];
  const ys: number[] = [];
  const v = new THREE.Vector3();
  for (let i = 0; i < positions.length / 3; i++) {
    if (!use(i)) continue;
    v.set(positions[3 * i], positions[3 * i + 1], positions[3 * i + 2]).project(cam);
    xs.push(v.x);
    ys.push(v.y);
  }
  const q = (a: number[], f: number) => [...a].sort((p, r) => p - r)[Math.round(f * (a.length - 1))];
  return { x0: q(xs, 0.02), x1: q(xs, 0.98), y0: q(ys, 0.02), y1: q(ys, 0.98) };
}

async function penguinsUmap(): Promise<Float32Array> {
  const penguins = await loadAsset('penguins');
  return runPipeline(penguins, analysisParamsSchema.parse({ features: ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'], reduction: { method: 'umap', nEpochs: 200 }, clustering: { method: 'kmeans', k: 3 } })).positions;
}

describe('framePose', () => {
  it('frames the penguins UMAP (two islands) so the bulk spans the fill share of the limiting side, centred, at any aspect', async () => {
    const positions = await penguinsUmap();
    const n = positions.length / 3;
    for (const aspect of [900 / 668, 0.46, 2.2]) {
      const b = band(positions, framePose(positions, n, undefined, { fov: 50, aspect, direction: DIRECTION }), aspect);
      const span = Math.max((b.x1 - b.x0) / 2, (b.y1 - b.y0) / 2);
      // The distance is solved per point on |x| and |y| (96th percentile), the band is the
      // 2nd–98th percentile of signed positions: they agree within a few hundredths.
      expect(span).toBeGreaterThan(FRAME_FILL - 0.08);
      expect(span).toBeLessThan(FRAME_FILL + 0.04);
      // Centred: the band's middle is near the middle of the view on the limiting side.
      if ((b.x1 - b.x0) / 2 > FRAME_FILL - 0.08) expect(Math.abs(b.x0 + b.x1)).toBeLessThan(0.12);
      else expect(Math.abs(b.y0 + b.y1)).toBeLessThan(0.12);
    }
  });

  it('ignores far outliers (a bounding sphere would shrink the cloud to a speck) and frames only the points shown', () => {
    const random = createRandom(5);
    const n = 2000;
    const positions = new Float32Array(n * 3);
    for (let i = 0; i < n * 3; i++) positions[i] = randomNormal(random) * 0.3 + (i % 3 === 0 && i / 3 >= n / 2 ? 3 : 0);
    // Ten outliers 40 units away.
    for (let i = 0; i < 10; i++) positions.set([40 + i, -30, 25], 3 * i);
    const all = band(positions, framePose(positions, n, undefined, { fov: 50, aspect: 1.5, direction: DIRECTION }), 1.5);
    expect(Math.max((all.x1 - all.x0) / 2, (all.y1 - all.y0) / 2)).toBeGreaterThan(FRAME_FILL - 0.08);
    // Only the second blob passes the filter: the frame closes in on it.
    const flags = new Uint8Array(n);
    for (let i = n / 2; i < n; i++) flags[i] = PointFlag.PassesFilter;
    const pose = framePose(positions, n, flags, { fov: 50, aspect: 1.5, direction: DIRECTION });
    const shown = band(positions, pose, 1.5, (i) => i >= n / 2);
    expect(Math.max((shown.x1 - shown.x0) / 2, (shown.y1 - shown.y0) / 2)).toBeGreaterThan(FRAME_FILL - 0.08);
    expect(pose.target[0]).toBeGreaterThan(2.5);
  });

  it('frames into the free part of the view a legend at the left leaves: the band fills it, centred there, clear of the legend', async () => {
    const positions = await penguinsUmap();
    const n = positions.length / 3;
    const aspect = 1280 / 720;
    // A legend 240 px wide down the left of a 1280×720 canvas: free from x = 0.1875 on.
    const free = { x0: 240 / 1280, y0: 0, x1: 1, y1: 1 };
    const b = band(positions, framePose(positions, n, undefined, { fov: 50, aspect, direction: DIRECTION, free }), aspect);
    // In NDC the free part is x from 2 × 0.1875 − 1 = −0.625 to 1: centre 0.1875, half-width 0.8125.
    const [cx, half] = [0.1875, 0.8125];
    const spanX = (b.x1 - b.x0) / 2 / half;
    const spanY = (b.y1 - b.y0) / 2;
    expect(Math.max(spanX, spanY)).toBeGreaterThan(FRAME_FILL - 0.08);
    expect(Math.max(spanX, spanY)).toBeLessThan(FRAME_FILL + 0.04);
    expect(b.x0).toBeGreaterThan(-0.625);
    if (spanX > FRAME_FILL - 0.08) expect(Math.abs((b.x0 + b.x1) / 2 - cx)).toBeLessThan(0.06);
    // The same framing over the whole view puts the band's left edge under that legend.
    const whole = band(positions, framePose(positions, n, undefined, { fov: 50, aspect, direction: DIRECTION }), aspect);
    expect(whole.x0).toBeLessThan(-0.625);
  });

  it('frames into a free strip above a bottom overlay and ignores a free part too small to be real', async () => {
    const positions = await penguinsUmap();
    const n = positions.length / 3;
    const aspect = 0.46;
    const b = band(positions, framePose(positions, n, undefined, { fov: 50, aspect, direction: DIRECTION, free: { x0: 0, y0: 0, x1: 1, y1: 0.7 } }), aspect);
    // y is up in NDC: the free strip runs from 1 − 2 × 0.7 = −0.4 to 1.
    expect(b.y0).toBeGreaterThan(-0.4);
    expect(b.y1).toBeLessThan(1);
    const ignored = framePose(positions, n, undefined, { fov: 50, aspect, direction: DIRECTION, free: { x0: 0.5, y0: 0, x1: 0.55, y1: 1 } });
    expect(ignored).toEqual(framePose(positions, n, undefined, { fov: 50, aspect, direction: DIRECTION }));
  });

  it('frames a single point (or coincident ones) from a sensible distance', () => {
    const one = Float32Array.from([2, 0, 0, 2, 0, 0]);
    const pose = framePose(one, 2, undefined, { fov: 50, aspect: 1.5, direction: DIRECTION });
    const reach = Math.hypot(...pose.position.map((v, i) => v - pose.target[i]));
    expect(pose.target).toEqual([2, 0, 0]);
    expect(reach).toBeGreaterThan(0.2);
    expect(reach).toBeLessThan(2);
  });
});
