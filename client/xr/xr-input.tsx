import { useFrame } from '@react-three/fiber';
import { useEffect, useRef } from 'react';
import * as THREE from 'three';
import type { SceneBindings } from '../session/use-scene-bindings.ts';
import { useSession } from '../session/session-model.ts';
import { shouldSendPose } from './pose-throttle.ts';
import type { XrRig } from './xr-rig.ts';

/**
 * Per XR frame, outside React: the head's pose goes to the session (presence, presenter pose) at
 * most 20 times a second and only when it moved. Reads the XRFrame directly (viewer and input
 * poses in the reference space) and places them through the rig; it allocates only on the frames it sends.
 */
export function XrInput({ rig, bindings }: { rig: XrRig; bindings: SceneBindings }) {
  const model = useSession();
  // Out of VR, others see a desktop participant again (no head floating where we left it).
  useEffect(() => () => model.presence.update({ device: 'desktop', head: null }), [model]);
  const state = useRef({ sentAt: -Infinity, head: new THREE.Vector3(Infinity, 0, 0), quat: new THREE.Quaternion() });
  const m = useRef({ pose: new THREE.Matrix4(), world: new THREE.Matrix4(), p: new THREE.Vector3(), q: new THREE.Quaternion(), s: new THREE.Vector3() });

  useFrame((three, _delta, frame: XRFrame | undefined) => {
    const ref = three.gl.xr.getReferenceSpace();
    if (!frame || !ref || !rig.origin) return;
    const viewer = frame.getViewerPose(ref);
    if (!viewer) return;
    const { pose, world, p, q, s } = m.current;
    rig.origin.updateWorldMatrix(true, false);
    pose.fromArray(viewer.transform.matrix);
    world.multiplyMatrices(rig.origin.matrixWorld, pose);
    world.decompose(p, q, s);
    const now = performance.now();
    const last = state.current;
    if (!shouldSendPose(now - last.sentAt, p.distanceTo(last.head), q.angleTo(last.quat))) return;
    last.sentAt = now;
    last.head.copy(p);
    last.quat.copy(q);
    // Shared in the cloud's own units, as desktop cameras are: everyone's scene draws the cloud there.
    const head = rig.toCloud([p.x, p.y, p.z]);
    const cloudQuat = rig.cloud ? rig.cloud.getWorldQuaternion(q.clone()).invert().multiply(q) : q;
    model.presence.update({ device: 'vr', head: { position: head, quaternion: [cloudQuat.x, cloudQuat.y, cloudQuat.z, cloudQuat.w] } });
    bindings.viewChanged(rigPose(rig, head));
  });
  return null;
}

function rigPose(rig: XrRig, head: [number, number, number]) {
  const f = rig.flatForward();
  const h = rig.toWorld(head);
  return { position: head, target: rig.toCloud([h[0] + f[0], h[1] + f[1], h[2] + f[2]]) };
}
