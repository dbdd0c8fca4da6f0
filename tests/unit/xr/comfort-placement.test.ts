import * as THREE from 'three';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COMFORT, readComfort, writeComfort } from '../../../client/xr/comfort-settings.ts';
import { FLOAT_BELOW_EYES_M, FLOAT_DISTANCE_M, FLOAT_LEFT_M, floatingPanelPose } from '../../../client/xr/panel-placement.ts';
import { PanelHitTest } from '../../../client/xr/panel-hit.ts';

/** A Map-backed Storage: what localStorage does, without a browser. */
function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('comfort settings (a headset’s own: snap step, glide speed, panel placement)', () => {
  it('round-trips what was chosen', () => {
    const s = memoryStorage();
    writeComfort(s, { snapStepDeg: 45, glideSpeed: 2, panelPlacement: 'wrist' });
    expect(readComfort(s)).toEqual({ snapStepDeg: 45, glideSpeed: 2, panelPlacement: 'wrist' });
  });

  it('falls back to the defaults for nothing stored, broken JSON and values outside the offered choices', () => {
    expect(readComfort(null)).toEqual(DEFAULT_COMFORT);
    const s = memoryStorage();
    expect(readComfort(s)).toEqual(DEFAULT_COMFORT);
    s.data.set('data-mirage.xr-comfort', '{not json');
    expect(readComfort(s)).toEqual(DEFAULT_COMFORT);
    s.data.set('data-mirage.xr-comfort', JSON.stringify({ snapStepDeg: 90, glideSpeed: 1, panelPlacement: 'ceiling' }));
    expect(readComfort(s)).toEqual({ ...DEFAULT_COMFORT, glideSpeed: 1 });
  });

  it('a browser that refuses storage keeps working', () => {
    const refusing = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(() => writeComfort(refusing, DEFAULT_COMFORT)).not.toThrow();
  });
});

describe('the floating panel, placed by the head', () => {
  it('stands within arm’s reach, left of the gaze and a little below the eyes, whichever way the head looks', () => {
    for (const yaw of [0, 0.8, -2.5]) {
      const head = [0.3, 1.72, -0.2] as const;
      const { position, rotation } = floatingPanelPose(head, yaw);
      expect(position[1]).toBeCloseTo(head[1] - FLOAT_BELOW_EYES_M, 9);
      const dx = position[0] - head[0];
      const dz = position[2] - head[2];
      // Forward and left of the gaze, in the floor plane.
      const forward = -Math.sin(yaw) * dx - Math.cos(yaw) * dz;
      const left = -Math.cos(yaw) * dx + Math.sin(yaw) * dz;
      expect(forward).toBeCloseTo(FLOAT_DISTANCE_M, 9);
      expect(left).toBeCloseTo(FLOAT_LEFT_M, 9);
      expect(Math.hypot(dx, position[1] - head[1], dz)).toBeLessThan(0.75);
      // Its face (+z) points back at the eyes: turned by the gaze and towards the head, tilted up to them.
      const face = new THREE.Vector3(0, 0, 1).applyEuler(new THREE.Euler(rotation[0], rotation[1], rotation[2], rotation[3]));
      const toHead = new THREE.Vector3(head[0] - position[0], head[1] - position[1], head[2] - position[2]).normalize();
      expect(face.angleTo(toHead)).toBeLessThan(0.05);
    }
  });
});

describe('where a ray meets a panel (the same frame, no allocation)', () => {
  const panel = new THREE.Mesh(new THREE.PlaneGeometry(1, 1));
  panel.position.set(0.2, 1.4, -0.6);
  panel.scale.set(0.25, 0.4, 1);
  panel.rotation.y = 0.3;
  panel.updateMatrixWorld(true);
  const test = new PanelHitTest();
  const origin = new THREE.Vector3(0.25, 1.3, 0);

  it('a ray through the panel hits it at its distance; one past its edge, or pointing away, does not', () => {
    const centre = panel.position.clone();
    const d = centre.clone().sub(origin);
    const distance = d.length();
    expect(test.distance(panel, origin, d.clone().normalize())).toBeCloseTo(distance, 6);
    // Past the right edge (half its width is 0.125 m), along the panel's own x.
    const beyond = centre.clone().add(new THREE.Vector3(0.2, 0, 0).applyQuaternion(panel.quaternion));
    expect(test.distance(panel, origin, beyond.sub(origin).normalize())).toBe(Infinity);
    expect(test.distance(panel, origin, d.clone().normalize().negate())).toBe(Infinity);
  });

  it('the nearest of several is the one the ray stops at; a hidden one stops nothing', () => {
    const near = panel.clone();
    near.position.set(0.22, 1.36, -0.3);
    near.updateMatrixWorld(true);
    const d = panel.position.clone().sub(origin).normalize();
    const t = test.nearest([panel, near], origin, d);
    expect(test.hit).toBe(near);
    expect(t).toBeLessThan(test.distance(panel, origin, d));
    near.visible = false;
    test.nearest([panel, near], origin, d);
    expect(test.hit).toBe(panel);
  });
});
