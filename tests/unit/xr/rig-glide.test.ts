import { describe, expect, it } from 'vitest';
import { GLIDE_MAX_MS, GLIDE_MIN_MS, GLIDE_SPEED_M_S, glideAt, startGlide } from '../../../client/xr/rig-glide.ts';

describe('following a presenter in VR: the rig glides', () => {
  it('moves only the position, never the yaw (the head is not turned for the user)', () => {
    const g = startGlide({ x: 0, y: 0, z: 0, yaw: 0.7 }, { x: 1, y: 0.5, z: -1, yaw: -2 }, 1000);
    for (let t = 1000; t <= 1000 + g.duration; t += 20) expect(glideAt(g, t).pose.yaw).toBe(0.7);
    expect(glideAt(g, 1000 + g.duration)).toEqual({ pose: { x: 1, y: 0.5, z: -1, yaw: 0.7 }, done: true });
  });

  it('keeps to a bounded speed over short moves and a bounded time over long ones', () => {
    const short = startGlide({ x: 0, y: 0, z: 0, yaw: 0 }, { x: 1, y: 0, z: 0, yaw: 0 }, 0);
    expect(short.duration).toBeCloseTo((1 / GLIDE_SPEED_M_S) * 1000);
    expect(startGlide({ x: 0, y: 0, z: 0, yaw: 0 }, { x: 0.01, y: 0, z: 0, yaw: 0 }, 0).duration).toBe(GLIDE_MIN_MS);
    expect(startGlide({ x: 0, y: 0, z: 0, yaw: 0 }, { x: 100, y: 0, z: 0, yaw: 0 }, 0).duration).toBe(GLIDE_MAX_MS);
  });

  it('eases out: moving from the first frame, slowing to a stop, never overshooting', () => {
    const g = startGlide({ x: 0, y: 0, z: 0, yaw: 0 }, { x: 1, y: 0, z: 0, yaw: 0 }, 0);
    const xs = Array.from({ length: 11 }, (_, k) => glideAt(g, (k / 10) * g.duration).pose.x);
    const steps = xs.slice(1).map((x, k) => x - xs[k]);
    expect(steps[0]).toBeGreaterThan(0.2);
    steps.slice(1).forEach((s, k) => expect(s).toBeLessThanOrEqual(steps[k]));
    expect(Math.max(...xs)).toBeLessThanOrEqual(1);
    expect(glideAt(g, g.duration / 2).done).toBe(false);
  });
});
