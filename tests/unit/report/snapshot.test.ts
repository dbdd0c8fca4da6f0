import { PNG } from 'pngjs';
import * as THREE from 'three';
import { describe, expect, it } from 'vitest';
import { colorsOf } from '../../../shared/encodings/channels.ts';
import { clusterColor } from '../../../shared/encodings/color-encoding.ts';
import { hexToRgb, SCENE_BACKGROUND } from '../../../shared/encodings/palettes.ts';
import { positionsFor } from '../../../shared/encodings/positions.ts';
import { DESKTOP_FOV } from '../../../shared/scene/frame-pose.ts';
import { DEFAULT_VIEW, type Camera, type Filter, type ViewState } from '../../../shared/session/index.ts';
import { drawSnapshot, evenSample, type SnapshotScene } from '../../../server/insights/report/snapshot.ts';
import { penguins } from '../client/penguin-context.ts';

/**
 * The server's snapshot drawing on the real penguins: positions from three measured columns,
 * clusters = species. Where a point lands is checked against three.js' own camera (lookAt +
 * project), not against the projector under test.
 */
const AXES = { by: 'columns', x: 'Flipper Length (mm)', y: 'Beak Length (mm)', z: 'Body Mass (g)' } as const;
const VIEW: ViewState = { ...DEFAULT_VIEW, position: AXES };
const CAMERA: Camera = { position: [2.2, 1.1, 2.6], target: [0.1, 0, 0] };

async function scene(): Promise<{ scene: SnapshotScene; positions: Float32Array }> {
  const { ctx } = await penguins();
  const placed = positionsFor(AXES, new Float32Array(ctx.count * 3), ctx);
  if (!('positions' in placed)) throw new Error('columns missing');
  return { scene: { ctx, embedding: new Float32Array(ctx.count * 3), knownColumns: new Set(ctx.columns.keys()) }, positions: placed.positions };
}

/** Pixel (x right, y down) and depth of a world point, by three.js' PerspectiveCamera. */
function threeProject(camera: Camera, p: ArrayLike<number>, width: number, height: number): { x: number; y: number; depth: number } {
  const cam = new THREE.PerspectiveCamera(DESKTOP_FOV, width / height, 0.01, 1000);
  cam.position.set(...camera.position);
  cam.lookAt(...camera.target);
  cam.updateMatrixWorld();
  const v = new THREE.Vector3(p[0], p[1], p[2]);
  const depth = -v.clone().applyMatrix4(cam.matrixWorldInverse).z;
  v.project(cam);
  return { x: ((v.x + 1) / 2) * width, y: ((1 - v.y) / 2) * height, depth };
}

function pixelOf(png: PNG, x: number, y: number): [number, number, number] {
  const k = (Math.floor(y) * png.width + Math.floor(x)) * 4;
  return [png.data[k], png.data[k + 1], png.data[k + 2]];
}

const distance = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

describe('drawSnapshot', () => {
  it('is a PNG of 1280 × 720 on the scene background, never larger', async () => {
    const { scene: s } = await scene();
    const { snapshot } = drawSnapshot(s, { view: VIEW, filters: [], camera: CAMERA, width: 4000, height: 3000 });
    const png = PNG.sync.read(Buffer.from(snapshot.png));
    expect([png.width, png.height, snapshot.width, snapshot.height]).toEqual([1280, 720, 1280, 720]);
    expect(pixelOf(png, 1, 1)).toEqual(hexToRgb(SCENE_BACKGROUND));
    expect(snapshot.drawnCount).toBe(s.ctx.count);
    expect(snapshot.sample).toBeNull();
  });

  it('puts each cluster’s colour where its nearest point projects', async () => {
    const { scene: s, positions } = await scene();
    const { snapshot } = drawSnapshot(s, { view: VIEW, filters: [], camera: CAMERA });
    const png = PNG.sync.read(Buffer.from(snapshot.png));
    for (const cluster of [0, 1, 2]) {
      // The cluster's point nearest the camera is drawn over anything behind it; its own cluster mates may not cover it if nothing is nearer.
      let best = -1;
      let bestDepth = Infinity;
      for (let i = 0; i < s.ctx.count; i++) {
        if (s.ctx.cluster[i] !== cluster) continue;
        const at = threeProject(CAMERA, positions.subarray(3 * i, 3 * i + 3), 1280, 720);
        if (at.x < 0 || at.x > 1280 || at.y < 0 || at.y > 720) continue;
        // Only a point no other point covers: nothing nearer within 12 px of it.
        let covered = false;
        for (let j = 0; j < s.ctx.count && !covered; j++) {
          if (j === i) continue;
          const other = threeProject(CAMERA, positions.subarray(3 * j, 3 * j + 3), 1280, 720);
          covered = other.depth < at.depth && Math.hypot(other.x - at.x, other.y - at.y) < 12;
        }
        if (!covered && at.depth < bestDepth) [best, bestDepth] = [i, at.depth];
      }
      expect(best, `an uncovered point of cluster ${cluster}`).toBeGreaterThanOrEqual(0);
      const at = threeProject(CAMERA, positions.subarray(3 * best, 3 * best + 3), 1280, 720);
      const want = hexToRgb(clusterColor(cluster));
      const got = pixelOf(png, at.x, at.y);
      // The disc's centre: the cluster colour (rim shading only darkens towards the edge).
      expect(distance(got, want), `pixel ${got} at the projection of point ${best} vs ${want}`).toBeLessThan(30);
      for (const other of [0, 1, 2].filter((c) => c !== cluster)) expect(distance(got, hexToRgb(clusterColor(other)))).toBeGreaterThan(distance(got, want));
    }
  });

  it('colours by a column with the client’s ramp: the nearest point’s pixel is its encoded colour', async () => {
    const { scene: s, positions } = await scene();
    const view: ViewState = { ...VIEW, color: { by: 'column', column: 'Body Mass (g)', palette: 'viridis' } };
    const drawn = drawSnapshot(s, { view, filters: [], camera: CAMERA });
    expect(drawn.snapshot.legend).toMatchObject({ kind: 'continuous', title: 'Body Mass (g)' });
    const png = PNG.sync.read(Buffer.from(drawn.snapshot.png));
    const expected = colorsOf(view.color, s.ctx);
    if ('pending' in expected) throw new Error('column missing');
    // The point nearest the camera overall is covered by nothing.
    let nearest = 0;
    let nearestDepth = Infinity;
    for (let i = 0; i < s.ctx.count; i++) {
      const at = threeProject(CAMERA, positions.subarray(3 * i, 3 * i + 3), 1280, 720);
      if (at.x > 0 && at.x < 1280 && at.y > 0 && at.y < 720 && at.depth < nearestDepth) [nearest, nearestDepth] = [i, at.depth];
    }
    const at = threeProject(CAMERA, positions.subarray(3 * nearest, 3 * nearest + 3), 1280, 720);
    const want = [...expected.rgb.subarray(3 * nearest, 3 * nearest + 3)];
    expect(distance(pixelOf(png, at.x, at.y), want)).toBeLessThan(30);
  });

  it('hides filtered-out points in hide mode and fades them in fade mode', async () => {
    const { scene: s, positions } = await scene();
    const gentoo: Filter = { id: 'g', kind: 'cluster', values: [2], enabled: true, author: 'a', createdAt: 1 };
    const hidden = drawSnapshot(s, { view: { ...VIEW, filterMode: 'hide' }, filters: [gentoo], camera: CAMERA });
    const faded = drawSnapshot(s, { view: VIEW, filters: [gentoo], camera: CAMERA });
    const gentooCount = s.ctx.cluster.filter((c) => c === 2).length;
    expect(hidden.snapshot.passCount).toBe(gentooCount);
    expect(hidden.snapshot.drawnCount).toBe(gentooCount);
    expect(faded.snapshot.drawnCount).toBe(s.ctx.count);
    const hiddenPng = PNG.sync.read(Buffer.from(hidden.snapshot.png));
    const fadedPng = PNG.sync.read(Buffer.from(faded.snapshot.png));
    // An Adelie point far from every Gentoo one: background when hidden, a faint grey when faded.
    const gentooAt = [...Array(s.ctx.count).keys()].filter((i) => s.ctx.cluster[i] === 2).map((i) => threeProject(CAMERA, positions.subarray(3 * i, 3 * i + 3), 1280, 720));
    const lone = [...Array(s.ctx.count).keys()]
      .filter((i) => s.ctx.cluster[i] === 0)
      .map((i) => threeProject(CAMERA, positions.subarray(3 * i, 3 * i + 3), 1280, 720))
      .find((p) => p.x > 10 && p.x < 1270 && p.y > 10 && p.y < 710 && gentooAt.every((g) => Math.hypot(g.x - p.x, g.y - p.y) > 30))!;
    expect(lone).toBeDefined();
    const background = hexToRgb(SCENE_BACKGROUND);
    expect(pixelOf(hiddenPng, lone.x, lone.y)).toEqual(background);
    const faint = pixelOf(fadedPng, lone.x, lone.y);
    expect(distance(faint, background)).toBeGreaterThan(2);
    expect(distance(faint, background)).toBeLessThan(60);
    // A point the filter drops never "shows" (so no note is placed under this view for it).
    const adelie = s.ctx.cluster.indexOf(0);
    expect(hidden.shows(adelie)).toBe(false);
  });

  it('frames every point when no camera is given', async () => {
    const { scene: s, positions } = await scene();
    const drawn = drawSnapshot(s, { view: VIEW, filters: [], camera: null });
    let inside = 0;
    for (let i = 0; i < s.ctx.count; i++) if (drawn.shows(i)) inside++;
    expect(inside / s.ctx.count).toBeGreaterThan(0.95);
    expect(positions.length).toBe(s.ctx.count * 3);
  });

  it('samples evenly and deterministically above the cap', () => {
    const a = evenSample(1_000_000, 200_000);
    expect(a.length).toBe(200_000);
    expect([a[0], a[1], a[199_999]]).toEqual([0, 5, 999_995]);
    expect(evenSample(10, 200_000).length).toBe(10);
  });
});
