import * as THREE from 'three';
import { describe, expect, it } from 'vitest';
import { FOCUS_DISTANCE_M, rigViewDriver } from '../../../client/xr/rig-view-driver.ts';
import { XrRig } from '../../../client/xr/xr-rig.ts';

/** A rig as the XR scene builds it: the camera (head) inside the origin, the cloud scaled into metres. */
function setup(headLocal: [number, number, number], lookYaw: number) {
  const scene = new THREE.Scene();
  const origin = new THREE.Group();
  const camera = new THREE.PerspectiveCamera();
  camera.position.set(...headLocal);
  camera.rotation.set(-0.3, lookYaw, 0, 'YXZ'); // looking a little down, turned by lookYaw
  origin.add(camera);
  const cloud = new THREE.Group();
  cloud.scale.setScalar(0.1);
  cloud.position.set(0.2, 0.7, -1.5);
  scene.add(origin, cloud);
  const rig = new XrRig();
  rig.origin = origin;
  rig.cloud = cloud;
  rig.camera = camera;
  rig.setPose({ x: 1, y: 0, z: 2, yaw: 0.4 });
  // Cloud units: point 0 at the origin, point 1 at (10, 0, 0), point 2 at (0, 10, 0).
  const positions = Float32Array.of(0, 0, 0, 10, 0, 0, 0, 10, 0);
  return { rig, driver: rigViewDriver(rig, () => positions), positions };
}

const close = (a: readonly number[], b: readonly number[], digits = 6) => a.forEach((v, k) => expect(v).toBeCloseTo(b[k], digits));

describe('the XR rig as the session view', () => {
  it('setPose brings the head to the pose (given in cloud units) and keeps where it looks', async () => {
    const { rig, driver } = setup([0.3, 1.6, -0.2], 0.5);
    const forward = rig.flatForward();
    await driver.setPose({ position: [4, 2, -3], target: [0, 0, 0] });
    close(rig.head(), rig.toWorld([4, 2, -3]));
    close(rig.flatForward(), forward);
    expect(rig.pose().yaw).toBeCloseTo(0.4, 12);
  });
  it('an animated setPose (presenter-follow) glides the head there frame by frame, never turning it', async () => {
    const { rig, driver } = setup([0.3, 1.6, -0.2], 0.5);
    const forward = rig.flatForward();
    const start = rig.head();
    const target = rig.toWorld([4, 2, -3]);
    let arrived = false;
    const moving = driver.setPose({ position: [4, 2, -3], target: [0, 0, 0] }, true).then(() => void (arrived = true));
    const t0 = performance.now();
    const gap = () => Math.hypot(...rig.head().map((v, k) => v - target[k]));
    const before = Math.hypot(...start.map((v, k) => v - target[k]));
    const gaps: number[] = [];
    for (let k = 1; k <= 20; k++) {
      rig.stepGlide(t0 + k * 50);
      gaps.push(gap());
      close(rig.flatForward(), forward);
    }
    // Closer every frame, part of the way after the first, there at the end.
    expect(gaps[0]).toBeLessThan(before);
    expect(gaps[0]).toBeGreaterThan(0.01);
    gaps.slice(1).forEach((g, k) => expect(g).toBeLessThanOrEqual(gaps[k] + 1e-12));
    await moving;
    expect(arrived).toBe(true);
    close(rig.head(), target);
    expect(rig.pose().yaw).toBeCloseTo(0.4, 12);
  });
  it('a cut (teleport, snap turn) during a glide ends it where the cut put the rig', async () => {
    const { rig, driver } = setup([0, 1.6, 0], 0);
    const moving = driver.setPose({ position: [40, 0, 0], target: [0, 0, 0] }, true);
    rig.setPose({ x: -5, y: 0, z: 0, yaw: 1 });
    await moving;
    rig.stepGlide(performance.now() + 10_000);
    expect(rig.pose()).toEqual({ x: -5, y: 0, z: 0, yaw: 1 });
    expect(rig.gliding()).toBe(false);
  });
  it('pose() reads the head back in cloud units', async () => {
    const { driver } = setup([0, 1.6, 0], 0);
    await driver.setPose({ position: [1, 2, 3], target: [0, 0, 0] });
    close(driver.pose().position, [1, 2, 3]);
  });
  it('focus puts the point ahead at reach, at eye height; frame backs off to see the points; shown goes home', async () => {
    const { rig, driver } = setup([0.3, 1.6, -0.2], -0.7);
    await driver.focus(1);
    const p = rig.toWorld([10, 0, 0]);
    const head = rig.head();
    const f = rig.flatForward();
    close(head, [p[0] - f[0] * FOCUS_DISTANCE_M, p[1], p[2] - f[2] * FOCUS_DISTANCE_M]);

    await driver.frame([0, 1, 2]);
    const centre = rig.toWorld([5, 5, 0]);
    const h = rig.head();
    const back = Math.hypot(centre[0] - h[0], centre[2] - h[2]);
    // The three points' sphere (radius √50 cloud units = 0.71 m) spans about 60° from there.
    expect(back).toBeCloseTo(Math.sqrt(50) * 0.1 * 1.8, 6);
    await driver.frame('shown');
    expect(rig.pose()).toEqual({ x: 0, y: 0, z: 0, yaw: 0 });
  });
});
