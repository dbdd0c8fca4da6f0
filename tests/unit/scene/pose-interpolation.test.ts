import { describe, expect, it } from 'vitest';
import { emptyPose, INTERPOLATION_DELAY_MS, lerpPose, PoseBuffer, type AvatarPose } from '../../../client/scene/pose-interpolation.ts';

function at(x: number, extra: Partial<AvatarPose> = {}): AvatarPose {
  return { position: [x, 1.6, 0], direction: [0, 0, -1], hands: [], rays: [], ...extra };
}

describe('receiver-side pose interpolation', () => {
  it('draws an avatar 100 ms in the past, between the two poses around that moment', () => {
    const buffer = new PoseBuffer();
    buffer.push(1000, at(0));
    buffer.push(1050, at(1));
    const out = emptyPose();
    // 1125 − 100 = 1025: half way from the pose at 1000 to the one at 1050.
    expect(buffer.sample(1125, out)).toBe(true);
    expect(out.position[0]).toBeCloseTo(0.5);
    expect(INTERPOLATION_DELAY_MS).toBe(100);
  });

  it('moves smoothly across a run of 20 Hz poses: every drawn step is small, none jumps a whole update', () => {
    const buffer = new PoseBuffer();
    const out = emptyPose();
    const drawn: number[] = [];
    let lastPushed = -1;
    for (let frame = 0; frame <= 60; frame++) {
      const now = 1000 + frame * (1000 / 90);
      // A pose every 50 ms (x grows 1 per pose), arriving before the frame that follows it.
      while (buffer.size === 0 || lastPushed < now - 50) push();
      buffer.sample(now, out);
      drawn.push(out.position[0]);
    }
    const steps = drawn.slice(1).map((x, k) => x - drawn[k]);
    expect(Math.max(...steps)).toBeLessThan(0.3);
    expect(Math.min(...steps)).toBeGreaterThanOrEqual(0);

    function push() {
      lastPushed = lastPushed < 0 ? 1000 : lastPushed + 50;
      buffer.push(lastPushed, at((lastPushed - 1000) / 50));
    }
  });

  it('holds the last pose when updates stop (a still user sends nothing), and the first before the buffer fills', () => {
    const buffer = new PoseBuffer();
    const out = emptyPose();
    expect(buffer.sample(0, out)).toBe(false);
    buffer.push(1000, at(2));
    buffer.sample(1000, out);
    expect(out.position[0]).toBe(2);
    buffer.push(1050, at(3));
    // Still moving until 100 ms after the newest pose arrived.
    expect(buffer.settled(1100)).toBe(false);
    expect(buffer.settled(1150)).toBe(true);
    buffer.sample(5000, out);
    expect(out.position[0]).toBe(3);
  });

  it('interpolates hands along the shorter arc and rays along their length; a new hand appears at once', () => {
    const s = Math.SQRT1_2;
    const a = at(0, { hands: [{ position: [0, 1, 0], quaternion: [0, 0, 0, 1] }], rays: [{ origin: [0, 1, 0], direction: [0, 0, -2] }] });
    const b = at(0, {
      hands: [
        { position: [1, 1, 0], quaternion: [0, -s, 0, -s] },
        { position: [5, 5, 5], quaternion: [0, 0, 0, 1] },
      ],
      rays: [{ origin: [0, 1, 0], direction: [0, 0, -4] }],
    });
    const out = emptyPose();
    lerpPose(a, b, 0.5, out);
    expect(out.hands).toHaveLength(2);
    expect(out.hands[0].position).toEqual([0.5, 1, 0]);
    // b's quaternion is the same 90° turn written with the opposite sign: halfway is 45°, not 135°.
    const q = out.hands[0].quaternion;
    expect(Math.abs(q[3])).toBeCloseTo(Math.cos(Math.PI / 8));
    expect(Math.hypot(...q)).toBeCloseTo(1);
    expect(out.hands[1].position).toEqual([5, 5, 5]);
    expect(out.rays[0].direction).toEqual([0, 0, -3]);
    lerpPose(b, a, 1, out);
    expect(out.hands).toHaveLength(1);
  });

  it('keeps only a few poses per avatar and takes a late arrival as the newest', () => {
    const buffer = new PoseBuffer();
    for (let k = 0; k < 50; k++) buffer.push(k * 50, at(k));
    expect(buffer.size).toBeLessThanOrEqual(8);
    buffer.push(100, at(-1));
    const out = emptyPose();
    buffer.sample(10_000, out);
    expect(out.position[0]).toBe(-1);
  });
});
