import { describe, expect, it } from 'vitest';
import { smoothStep, STICK_DEADZONE } from '../../../client/xr/smooth-move.ts';

const home = { x: 0, y: 0, z: 0, yaw: 0.3 };

describe('smooth movement', () => {
  it('full forward moves speed × dt where the head looks, keeping the yaw', () => {
    const p = smoothStep(home, [0, 0, -1], 0, -1, 1, 0.05);
    expect(p.x).toBeCloseTo(0, 9);
    expect(p.z).toBeCloseTo(-0.05, 9);
    expect(p.yaw).toBe(0.3);
  });
  it('sideways strafes to the head’s right', () => {
    const p = smoothStep(home, [0, 0, -1], 1, 0, 2, 0.05);
    expect(p.x).toBeCloseTo(0.1, 9);
    expect(p.z).toBeCloseTo(0, 9);
  });
  it('a resting stick, speed 0 and a stalled frame do not throw the user', () => {
    expect(smoothStep(home, [0, 0, -1], STICK_DEADZONE * 0.9, 0, 1, 0.05)).toBe(home);
    expect(smoothStep(home, [0, 0, -1], 0, -1, 0, 0.05)).toBe(home);
    expect(smoothStep(home, [1, 0, 0], 0, -1, 1, 5).x).toBeCloseTo(0.1, 9);
  });
});
