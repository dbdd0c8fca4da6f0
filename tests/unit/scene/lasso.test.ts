import { describe, expect, it } from 'vitest';
import { PointFlag } from '../../../shared/scene/flags.ts';
import { insidePolygon, LASSO_SLICE, lassoSelect, lassoSelectAsync } from '../../../client/scene/lasso.ts';
import { generateLabCloud } from '../../../client/scene-lab/lab-data.ts';
import { projectToScreen } from '../../../client/scene/screen-view.ts';
import { makeView } from './view-fixture.ts';

/** A 101 × 101 grid of points in the plane z = 0, spacing 0.1, all passing the filter. */
function grid() {
  const side = 101;
  const count = side * side;
  const positions = new Float32Array(count * 3);
  for (let r = 0; r < side; r++) for (let c = 0; c < side; c++) positions.set([(c - 50) * 0.1, (r - 50) * 0.1, 0], (r * side + c) * 3);
  return { positions, count, flags: new Uint8Array(count).fill(PointFlag.PassesFilter) };
}

describe('lassoSelect', () => {
  const g = grid();
  // Straight down the z axis: screen x grows with world x, screen y shrinks with world y.
  const { view } = makeView([0, 0, 12], [0, 0, 0], 800, 800);

  it('selects exactly the grid points whose projection lies in a rectangle', () => {
    const centre = { x: 0, y: 0, w: 0 };
    projectToScreen(view, 0, 0, 0, centre);
    expect(centre.x).toBeCloseTo(400, 3);
    const corner = { x: 0, y: 0, w: 0 };
    projectToScreen(view, 1, 1, 0, corner);
    // Rectangle from world (−1, −1) to (1, 1) widened by a fraction of a grid step on screen.
    const step = (corner.x - centre.x) / 10;
    const lo = 2 * centre.x - corner.x - step / 2;
    const hi = corner.x + step / 2;
    const polygon = new Float32Array([lo, lo, hi, lo, hi, hi, lo, hi]);
    const got = lassoSelect(g.positions, g.count, g.flags, view, polygon);
    expect(got.length).toBe(21 * 21);
    for (const i of got) {
      expect(Math.abs(g.positions[i * 3])).toBeLessThanOrEqual(1.0001);
      expect(Math.abs(g.positions[i * 3 + 1])).toBeLessThanOrEqual(1.0001);
    }
  });

  it('follows a concave polygon (even-odd) and skips filtered-out points', () => {
    // A "C" shape: the notch on the right must stay unselected.
    const polygon = new Float32Array([200, 200, 600, 200, 600, 300, 350, 300, 350, 500, 600, 500, 600, 600, 200, 600]);
    const flags = g.flags.slice();
    for (let i = 0; i < g.count; i += 3) flags[i] = 0;
    const got = new Set(lassoSelect(g.positions, g.count, flags, view, polygon));
    const at = { x: 0, y: 0, w: 0 };
    let expected = 0;
    for (let i = 0; i < g.count; i++) {
      projectToScreen(view, g.positions[i * 3], g.positions[i * 3 + 1], 0, at);
      const want = flags[i] !== 0 && insidePolygon(polygon, 8, at.x, at.y);
      expect(got.has(i)).toBe(want);
      if (want) expected++;
      if (at.x > 360 && at.x < 590 && at.y > 310 && at.y < 490) expect(got.has(i)).toBe(false);
    }
    expect(expected).toBeGreaterThan(1000);
  });

  it('ignores points behind the camera and degenerate polygons', () => {
    const { view: inside } = makeView([0, 0, 0.05], [0, 0, 1], 800, 800);
    const everything = new Float32Array([0, 0, 800, 0, 800, 800, 0, 800]);
    // Every grid point is at z = 0, behind a camera at z = 0.05 looking towards +z.
    expect(lassoSelect(g.positions, g.count, g.flags, inside, everything).length).toBe(0);
    expect(lassoSelect(g.positions, g.count, g.flags, view, new Float32Array([0, 0, 800, 800])).length).toBe(0);
  });

  it('gives the same selection in slices as in one pass', async () => {
    const { data } = generateLabCloud(LASSO_SLICE * 2 + 12_345, 3);
    const { view: far } = makeView([18, 9, 26], [0, 0, 0], 1000, 700);
    const polygon = new Float32Array([300, 200, 700, 180, 760, 520, 280, 480]);
    const once = lassoSelect(data.positions, data.count, data.flags, far, polygon);
    const sliced = await lassoSelectAsync(data.positions, data.count, data.flags, far, polygon);
    expect(once.length).toBeGreaterThan(10_000);
    expect(sliced).toEqual(once);
  });
});
