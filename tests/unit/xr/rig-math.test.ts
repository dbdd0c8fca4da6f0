import { describe, expect, it } from 'vitest';
import { arcFloorHit, ARC_MAX_RANGE, moveHeadTo, snapTurn, teleportTo } from '../../../client/xr/rig-math.ts';
import { snapTurnInput } from '../../../client/xr/snap-turn.ts';

/** Where a point given in the rig's floor space lands in the world. */
function toWorld(rig: { x: number; y: number; z: number; yaw: number }, local: [number, number, number]): [number, number, number] {
  const c = Math.cos(rig.yaw);
  const s = Math.sin(rig.yaw);
  return [rig.x + local[0] * c + local[2] * s, rig.y + local[1], rig.z - local[0] * s + local[2] * c];
}

describe('rig moves', () => {
  it('a snap turn changes the yaw by the step and keeps the head where it is', () => {
    const rig = { x: 1, y: 0, z: -2, yaw: 0.3 };
    const headLocal: [number, number, number] = [0.4, 1.6, -0.7];
    const head = toWorld(rig, headLocal);
    const turned = snapTurn(rig, head, Math.PI / 6);
    expect(turned.yaw - rig.yaw).toBeCloseTo(Math.PI / 6, 12);
    const after = toWorld(turned, headLocal);
    for (let k = 0; k < 3; k++) expect(after[k]).toBeCloseTo(head[k], 9);
  });
  it('a teleport puts the feet on the floor point; moving the head puts the head on the target', () => {
    const rig = { x: 0, y: 0, z: 0, yaw: 1 };
    const head: [number, number, number] = [0.2, 1.7, 0.1];
    const t = teleportTo(rig, head, [3, 0, -4]);
    expect(t.x + head[0] - rig.x).toBeCloseTo(3, 12);
    expect(t.z + head[2] - rig.z).toBeCloseTo(-4, 12);
    expect(t.yaw).toBe(1);
    const m = moveHeadTo(rig, head, [5, 2, 5]);
    for (const [got, want] of [[m.x + head[0], 5], [m.y + head[1], 2], [m.z + head[2], 5]]) expect(got).toBeCloseTo(want, 12);
  });
});

describe('teleport arc', () => {
  it('lands ahead on the floor, farther for a higher aim up to 45°', () => {
    const flat = arcFloorHit([0, 1, 0], [0, 0, -1])!;
    const up = arcFloorHit([0, 1, 0], [0, Math.SQRT1_2, -Math.SQRT1_2])!;
    expect(flat[1]).toBe(0);
    expect(flat[2]).toBeLessThan(0);
    expect(up[2]).toBeLessThan(flat[2]);
    expect(Math.abs(flat[0])).toBeLessThan(1e-12);
  });
  it('gives nothing past the range or from under the floor', () => {
    expect(arcFloorHit([0, 30, 0], [0, 0.5, -Math.sqrt(0.75)])).toBeNull();
    expect(arcFloorHit([0, -1, 0], [0, 0, -1])).toBeNull();
    const down = arcFloorHit([0, 1, 0], [0, -1, 0])!;
    expect(Math.hypot(down[0], down[2])).toBeLessThan(ARC_MAX_RANGE);
  });
});

describe('snap turn input', () => {
  it('fires once per flick and re-arms when the stick comes back', () => {
    let armed = true;
    const turns: number[] = [];
    for (const x of [0, 0.7, 0.9, 0.5, 0.2, -0.8, -0.1]) {
      const r = snapTurnInput(x, armed);
      armed = r.armed;
      if (r.turn !== 0) turns.push(r.turn);
    }
    expect(turns).toEqual([-1, 1]);
  });
});

describe('teleport input', () => {
  it('aims while the stick is forward, lands when it comes back, cancels when pulled back; sideways is the snap turn', async () => {
    const { teleportInput } = await import('../../../client/xr/teleport-input.ts');
    expect(teleportInput(0, -0.9, false)).toBe('aim');
    expect(teleportInput(0.9, -0.7, false)).toBe('idle');
    expect(teleportInput(0, -0.5, true)).toBe('aim');
    expect(teleportInput(0, -0.1, true)).toBe('land');
    expect(teleportInput(0, 0.8, true)).toBe('cancel');
  });
});
