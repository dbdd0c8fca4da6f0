import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import type { SceneController } from '../scene/scene-controller.ts';
import type { Vec3 } from '../scene/types.ts';
import type { SceneBindings } from '../session/use-scene-bindings.ts';
import type { XrRig } from './xr-rig.ts';
import { controllerOf, leftSqueezeHeld, SQUEEZE } from './input-sources.ts';

/** Radius of the sweep sphere in the room, metres: a fist's size, small enough to carve one clump out of a cluster. */
export const SWEEP_RADIUS_M = 0.06;

/** The sweep in progress, for tests and the console. */
export class SweepState {
  active = false;
  /** Per point: swept in this gesture (sized to the cloud when a sweep starts). */
  mask = new Uint8Array(0);
  swept: number[] = [];
  /** Sphere centre (world) last frame. */
  readonly centre: [number, number, number] = [0, 0, 0];
  sweeps = 0;
}

/**
 * Volumetric selection: while the right squeeze is held, a sphere at the controller's grip
 * collects every point (passing the filter) it passes through, through the pick index's
 * kd-tree; letting go adds them all to the shared selection in one write.
 */
export function XrSweep({ rig, controller, bindings, state }: { rig: XrRig; controller: SceneController; bindings: SceneBindings; state: SweepState }) {
  const ball = useMemo(() => {
    const mesh = new THREE.Mesh(new THREE.SphereGeometry(1, 24, 16), new THREE.MeshBasicMaterial({ color: '#8cc8ff', transparent: true, opacity: 0.25, depthWrite: false }));
    mesh.scale.setScalar(SWEEP_RADIUS_M);
    mesh.visible = false;
    return mesh;
  }, []);
  useEffect(() => () => ball.geometry.dispose(), [ball]);
  const m = useMemo(() => ({ pose: new THREE.Matrix4(), world: new THREE.Matrix4(), inverse: new THREE.Matrix4(), p: new THREE.Vector3(), local: [0, 0, 0] as Vec3 }), []);
  const collect = useMemo(
    () => (i: number) => {
      if (state.mask[i]) return;
      state.mask[i] = 1;
      state.swept.push(i);
    },
    [state],
  );

  useFrame((three, _delta, frame: XRFrame | undefined) => {
    const ref = three.gl.xr.getReferenceSpace();
    if (!frame || !ref || !rig.origin || !rig.cloud) return;
    const source = controllerOf(frame.session, 'right');
    // With the left squeeze held both squeezes are the two-hand grab (xr-grab.tsx): no sweep, and one under way is dropped.
    if (leftSqueezeHeld(frame.session)) {
      if (state.active) {
        state.active = false;
        ball.visible = false;
        state.swept = [];
      }
      return;
    }
    const held = source?.gamepad?.buttons[SQUEEZE]?.pressed ?? false;
    if (!held || !source) {
      if (state.active) {
        state.active = false;
        ball.visible = false;
        if (state.swept.length > 0) bindings.selectMany(Uint32Array.from(state.swept), 'add');
        state.sweeps++;
      }
      return;
    }
    const pose = frame.getPose(source.gripSpace ?? source.targetRaySpace, ref);
    if (!pose) return;
    if (!state.active) {
      state.active = true;
      state.mask = new Uint8Array(controller.data?.count ?? 0);
      state.swept = [];
    }
    rig.origin.updateWorldMatrix(true, false);
    m.world.multiplyMatrices(rig.origin.matrixWorld, m.pose.fromArray(pose.transform.matrix));
    m.p.setFromMatrixPosition(m.world);
    state.centre[0] = m.p.x;
    state.centre[1] = m.p.y;
    state.centre[2] = m.p.z;
    ball.position.copy(m.p);
    ball.visible = true;
    rig.cloud.updateWorldMatrix(true, false);
    m.inverse.copy(rig.cloud.matrixWorld).invert();
    m.p.applyMatrix4(m.inverse);
    m.local[0] = m.p.x;
    m.local[1] = m.p.y;
    m.local[2] = m.p.z;
    controller.pointsInSphere(m.local, SWEEP_RADIUS_M / rig.scale(), collect);
  });

  return <primitive object={ball} />;
}
