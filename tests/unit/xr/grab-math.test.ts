import { describe, expect, it } from 'vitest';
import { grabTransform, MAX_SCALE_FACTOR, type CloudTransform, type Vec3 } from '../../../client/xr/grab-math.ts';

/** A cloud-space point carried into the world by a transform (yaw about +y, then scale, then move). */
function world(t: CloudTransform, p: Vec3): [number, number, number] {
  const c = Math.cos(t.yaw);
  const s = Math.sin(t.yaw);
  return [t.position[0] + t.scale * (p[0] * c + p[2] * s), t.position[1] + t.scale * p[1], t.position[2] + t.scale * (-p[0] * s + p[2] * c)];
}

const start: CloudTransform = { position: [0, 1, -1.5], yaw: 0, scale: 0.1 };

describe('two-hand grab', () => {
  it('scales by the hands’ distance ratio about the point between them', () => {
    const t = grabTransform(start, [-0.2, 1, -1], [0.2, 1, -1], [-0.4, 1, -1], [0.4, 1, -1], 0.1);
    expect(t.scale).toBeCloseTo(0.2, 9);
    expect(t.yaw).toBeCloseTo(0, 9);
    // The midpoint (0, 1, -1) stays put; the cloud's origin, 0.5 m behind it, is now 1 m behind.
    expect(t.position[2]).toBeCloseTo(-2, 9);
  });
  it('the cloud point held between the hands follows them as they move and turn', () => {
    const a0: Vec3 = [-0.2, 1.2, -1];
    const b0: Vec3 = [0.2, 1.2, -1];
    const held = [0, 2, 5] as const; // cloud-space point at the midpoint (0, 1.2, -1) under `start`
    expect(world(start, held)).toEqual([0, expect.closeTo(1.2, 9), expect.closeTo(-1, 9)]);
    // Turn the pair 90° about +y and walk it 1 m to the right: the held point comes along.
    const t = grabTransform(start, a0, b0, [1, 1.2, -0.8], [1, 1.2, -1.2], 0.1);
    expect(t.yaw).toBeCloseTo(Math.PI / 2, 9);
    const w = world(t, held);
    expect(w[0]).toBeCloseTo(1, 9);
    expect(w[1]).toBeCloseTo(1.2, 9);
    expect(w[2]).toBeCloseTo(-1, 9);
  });
  it('keeps the scale within bounds and ignores hands that start together', () => {
    expect(grabTransform(start, [0, 1, -1], [0.1, 1, -1], [-50, 1, -1], [50, 1, -1], 0.1).scale).toBeCloseTo(0.1 * MAX_SCALE_FACTOR, 9);
    expect(grabTransform(start, [0, 1, -1], [0.01, 1, -1], [0, 1, -1], [1, 1, -1], 0.1)).toEqual(start);
  });
});
