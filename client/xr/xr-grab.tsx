import { useFrame } from '@react-three/fiber';
import { useMemo } from 'react';
import * as THREE from 'three';
import { grabTransform, type CloudTransform } from './grab-math.ts';
import type { XrRig } from './xr-rig.ts';

/** xr-standard squeeze (grip) button. */
const SQUEEZE = 1;

/** Both hands' grab, outside React: read by test hooks. */
export class GrabState {
  active = false;
  grabs = 0;
  /** Both grips in the world (m) when the grab began and last frame of it. */
  readonly startHands: [number, number, number][] = [[0, 0, 0], [0, 0, 0]];
  readonly hands: [number, number, number][] = [[0, 0, 0], [0, 0, 0]];
}

/** A tracked controller of one hand with a gamepad, if the session has one. */
export function controllerOf(session: XRSession, hand: XRHandedness): XRInputSource | null {
  const sources = session.inputSources;
  for (let k = 0; k < sources.length; k++) {
    const s = sources[k];
    if (s.handedness === hand && s.targetRayMode === 'tracked-pointer' && s.gamepad) return s;
  }
  return null;
}

/** The left squeeze is held: it only ever means "grab with both hands" (xr-sweep yields to it). */
export function leftSqueezeHeld(session: XRSession): boolean {
  return controllerOf(session, 'left')?.gamepad?.buttons[SQUEEZE]?.pressed ?? false;
}

/**
 * Two-hand grab: with both squeezes held the cloud follows the hands (grab-math.ts): the
 * hands' distance ratio scales it (a table-top miniature, or big enough to walk inside), the
 * line between them turns it about the vertical, and it moves with them. Only the cloud's group
 * changes, so the session's cloud units (shared poses, picks) stay the same.
 */
export function XrGrab({ rig, baseScale, state }: { rig: XrRig; baseScale: number; state: GrabState }) {
  const m = useMemo(
    () => ({
      pose: new THREE.Matrix4(),
      world: new THREE.Matrix4(),
      v: new THREE.Vector3(),
      start: { position: [0, 0, 0], yaw: 0, scale: 1 } as CloudTransform,
    }),
    [],
  );

  useFrame((three, _delta, frame: XRFrame | undefined) => {
    const ref = three.gl.xr.getReferenceSpace();
    const cloud = rig.cloud;
    if (!frame || !ref || !rig.origin || !cloud) return;
    const left = controllerOf(frame.session, 'left');
    const right = controllerOf(frame.session, 'right');
    const held = !!left && !!right && (left.gamepad?.buttons[SQUEEZE]?.pressed ?? false) && (right.gamepad?.buttons[SQUEEZE]?.pressed ?? false);
    if (!held || !left || !right) {
      state.active = false;
      return;
    }
    rig.origin.updateWorldMatrix(true, false);
    const a = state.active ? state.hands[0] : state.startHands[0];
    const b = state.active ? state.hands[1] : state.startHands[1];
    if (!handWorld(frame, left, ref, rig.origin.matrixWorld, m, a) || !handWorld(frame, right, ref, rig.origin.matrixWorld, m, b)) return;
    if (!state.active) {
      state.active = true;
      state.grabs++;
      m.start = { position: [cloud.position.x, cloud.position.y, cloud.position.z], yaw: cloud.rotation.y, scale: cloud.scale.x };
      state.hands[0].splice(0, 3, ...a);
      state.hands[1].splice(0, 3, ...b);
      return;
    }
    const t = grabTransform(m.start, state.startHands[0], state.startHands[1], state.hands[0], state.hands[1], baseScale);
    cloud.position.set(t.position[0], t.position[1], t.position[2]);
    cloud.rotation.set(0, t.yaw, 0);
    cloud.scale.setScalar(t.scale);
  });
  return null;
}

function handWorld(frame: XRFrame, source: XRInputSource, ref: XRReferenceSpace, origin: THREE.Matrix4, m: { pose: THREE.Matrix4; world: THREE.Matrix4; v: THREE.Vector3 }, out: [number, number, number]): boolean {
  const pose = frame.getPose(source.gripSpace ?? source.targetRaySpace, ref);
  if (!pose) return false;
  m.world.multiplyMatrices(origin, m.pose.fromArray(pose.transform.matrix));
  m.v.setFromMatrixPosition(m.world);
  out[0] = m.v.x;
  out[1] = m.v.y;
  out[2] = m.v.z;
  return true;
}
