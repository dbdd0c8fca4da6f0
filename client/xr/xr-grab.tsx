import { useFrame } from '@react-three/fiber';
import { useMemo } from 'react';
import * as THREE from 'three';
import { grabTransform, type CloudTransform } from './grab-math.ts';
import { controllerOf, handOf, SQUEEZE } from './input-sources.ts';
import type { PinchState } from './xr-hands.tsx';
import type { XrRig } from './xr-rig.ts';

/** Both hands' grab, outside React: read by test hooks. */
export class GrabState {
  active = false;
  grabs = 0;
  /** What holds the cloud: both controllers' squeezes or both tracked hands' pinches. */
  by: 'controllers' | 'hands' | null = null;
  /** Both grips in the world (m) when the grab began and last frame of it. */
  readonly startHands: [number, number, number][] = [[0, 0, 0], [0, 0, 0]];
  readonly hands: [number, number, number][] = [[0, 0, 0], [0, 0, 0]];
}

/**
 * Two-hand grab: with both squeezes held (controllers) or both hands pinching (tracked hands)
 * the cloud follows the hands (grab-math.ts): the hands' distance ratio scales it (a table-top
 * miniature, or big enough to walk inside), the line between them turns it about the vertical,
 * and it moves with them. Only the cloud's group changes, so the session's cloud units (shared
 * poses, picks) stay the same. Nothing is allocated per frame.
 */
export function XrGrab({ rig, baseScale, state, pinch }: { rig: XrRig; baseScale: number; state: GrabState; pinch: PinchState }) {
  const m = useMemo(
    () => ({
      pose: new THREE.Matrix4(),
      world: new THREE.Matrix4(),
      v: new THREE.Vector3(),
      start: { position: [0, 0, 0], yaw: 0, scale: 1 } as CloudTransform,
      now: { position: [0, 0, 0], yaw: 0, scale: 1 } as CloudTransform,
    }),
    [],
  );

  useFrame((three, _delta, frame: XRFrame | undefined) => {
    const ref = three.gl.xr.getReferenceSpace();
    const cloud = rig.cloud;
    if (!frame || !ref || !rig.origin || !cloud) return;
    const session = frame.session;
    let left = controllerOf(session, 'left');
    let right = controllerOf(session, 'right');
    let by: GrabState['by'] = null;
    if (left && right && (left.gamepad?.buttons[SQUEEZE]?.pressed ?? false) && (right.gamepad?.buttons[SQUEEZE]?.pressed ?? false)) by = 'controllers';
    else if (pinch.left && pinch.right) {
      left = handOf(session, 'left');
      right = handOf(session, 'right');
      if (left && right) by = 'hands';
    }
    // A grab goes on only with what began it (a hand put down mid-grab ends it).
    if (!by || !left || !right || (state.active && by !== state.by)) {
      state.active = false;
      state.by = null;
      return;
    }
    rig.origin.updateWorldMatrix(true, false);
    const a = state.active ? state.hands[0] : state.startHands[0];
    const b = state.active ? state.hands[1] : state.startHands[1];
    if (!handWorld(frame, left, ref, rig.origin.matrixWorld, m, a) || !handWorld(frame, right, ref, rig.origin.matrixWorld, m, b)) return;
    if (!state.active) {
      state.active = true;
      state.by = by;
      state.grabs++;
      m.start.position[0] = cloud.position.x;
      m.start.position[1] = cloud.position.y;
      m.start.position[2] = cloud.position.z;
      m.start.yaw = cloud.rotation.y;
      m.start.scale = cloud.scale.x;
      for (let k = 0; k < 3; k++) {
        state.hands[0][k] = a[k];
        state.hands[1][k] = b[k];
      }
      return;
    }
    const t = grabTransform(m.start, state.startHands[0], state.startHands[1], state.hands[0], state.hands[1], baseScale, m.now);
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
