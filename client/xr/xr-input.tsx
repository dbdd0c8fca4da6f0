import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import type { Hand, Ray } from '../../shared/session/index.ts';
import type { SceneBindings } from '../session/use-scene-bindings.ts';
import { useSession } from '../session/session-model.ts';
import type { PointerState } from './pointer-state.ts';
import { shouldSendPose } from './pose-throttle.ts';
import type { XrRig } from './xr-rig.ts';

/** Hands shared: left and right (LIMITS.awarenessHands). */
const HAND_SLOTS = 2;

/**
 * Per XR frame, outside React: the head, both hands (controller grips) and the right ray go to
 * the session (presence, presenter pose) at most 20 times a second, and only when one of them
 * moved beyond the threshold. Reads the XRFrame directly (viewer and input poses in the reference
 * space) and places them through the rig; it allocates only on the frames it sends (see below).
 */
export function XrInput({ rig, bindings, pointer }: { rig: XrRig; bindings: SceneBindings; pointer: PointerState }) {
  const model = useSession();
  // Out of VR, others see a desktop participant again (no head, hands or ray floating where we left them).
  useEffect(() => () => model.presence.update({ device: 'desktop', head: null, hands: [], rays: [] }), [model]);
  const m = useMemo(
    () => ({
      sentAt: -Infinity,
      pose: new THREE.Matrix4(),
      world: new THREE.Matrix4(),
      scale: new THREE.Vector3(),
      cloudQuat: new THREE.Quaternion(),
      // Now and as last sent: head, hands (present or not), ray (origin, unit direction, length in m).
      head: new THREE.Vector3(),
      quat: new THREE.Quaternion(),
      hands: Array.from({ length: HAND_SLOTS }, () => ({ on: false, p: new THREE.Vector3(), q: new THREE.Quaternion() })),
      ray: { on: false, o: new THREE.Vector3(), d: new THREE.Vector3(), length: 0 },
      sent: {
        head: new THREE.Vector3(Infinity, 0, 0),
        quat: new THREE.Quaternion(),
        hands: Array.from({ length: HAND_SLOTS }, () => ({ on: false, p: new THREE.Vector3(), q: new THREE.Quaternion() })),
        ray: { on: false, o: new THREE.Vector3(), d: new THREE.Vector3(), length: 0 },
      },
    }),
    [],
  );

  useFrame((three, _delta, frame: XRFrame | undefined) => {
    const ref = three.gl.xr.getReferenceSpace();
    if (!frame || !ref || !rig.origin) return;
    const viewer = frame.getViewerPose(ref);
    if (!viewer) return;
    rig.origin.updateWorldMatrix(true, false);
    const origin = rig.origin.matrixWorld;
    inWorld(m, origin, viewer.transform.matrix, m.head, m.quat);
    for (const h of m.hands) h.on = false;
    const sources = frame.session.inputSources;
    for (let k = 0; k < sources.length; k++) {
      const s = sources[k];
      const slot = s.handedness === 'left' ? 0 : s.handedness === 'right' ? 1 : -1;
      const space = s.gripSpace ?? s.targetRaySpace;
      const pose = slot >= 0 ? frame.getPose(space, ref) : undefined;
      if (!pose) continue;
      const h = m.hands[slot];
      h.on = true;
      inWorld(m, origin, pose.transform.matrix, h.p, h.q);
    }
    // The right ray as the pointer drew it (last frame: XrPointer runs after us; one frame late is unseen at 20 Hz).
    m.ray.on = pointer.rayLengthM > 0;
    m.ray.o.fromArray(pointer.rayOrigin);
    m.ray.d.fromArray(pointer.rayDirection);
    m.ray.length = pointer.rayLengthM;

    const now = performance.now();
    if (!shouldSendPose(now - m.sentAt, moved(m, m.sent), turned(m, m.sent))) return;
    m.sentAt = now;
    copyInto(m, m.sent);

    // From here on this frame sends (≤ 20 Hz, and only after a move past the threshold): the
    // message's arrays and objects below are built only on these frames, never on the others,
    // which return above having written into the preallocated `m` alone.
    // Shared in the cloud's own units, as desktop cameras are: everyone's scene draws the cloud there.
    const toCloudQuat = (q: THREE.Quaternion): [number, number, number, number] => {
      const c = rig.cloud ? rig.cloud.getWorldQuaternion(m.cloudQuat).invert().multiply(q) : q;
      return [c.x, c.y, c.z, c.w];
    };
    const head = rig.toCloud([m.head.x, m.head.y, m.head.z]);
    const hands: Hand[] = m.hands.filter((h) => h.on).map((h) => ({ position: rig.toCloud([h.p.x, h.p.y, h.p.z]), quaternion: toCloudQuat(h.q) }));
    const rays: Ray[] = [];
    if (m.ray.on) {
      const o = rig.toCloud([m.ray.o.x, m.ray.o.y, m.ray.o.z]);
      const tip = m.ray.o.clone().addScaledVector(m.ray.d, m.ray.length);
      const t = rig.toCloud([tip.x, tip.y, tip.z]);
      rays.push({ origin: o, direction: [t[0] - o[0], t[1] - o[1], t[2] - o[2]] });
    }
    model.presence.update({ device: 'vr', head: { position: head, quaternion: toCloudQuat(m.quat) }, hands, rays });
    bindings.viewChanged(headView(rig, m.head, m.quat));
  });
  return null;
}

/** A pose in the reference space (an XR matrix) put in the world through the rig, into p and q. */
function inWorld(m: { pose: THREE.Matrix4; world: THREE.Matrix4; scale: THREE.Vector3 }, origin: THREE.Matrix4, matrix: Float32Array, p: THREE.Vector3, q: THREE.Quaternion): void {
  m.world.multiplyMatrices(origin, m.pose.fromArray(matrix));
  m.world.decompose(p, q, m.scale);
}

type Poses = { head: THREE.Vector3; quat: THREE.Quaternion; hands: { on: boolean; p: THREE.Vector3; q: THREE.Quaternion }[]; ray: { on: boolean; o: THREE.Vector3; d: THREE.Vector3; length: number } };

/** The largest move (m) of head, hands or ray since `sent`; a hand or ray coming or going counts as a big one. */
function moved(now: Poses, sent: Poses): number {
  let most = now.head.distanceTo(sent.head);
  for (let k = 0; k < now.hands.length; k++) {
    const a = now.hands[k];
    const b = sent.hands[k];
    most = Math.max(most, a.on !== b.on ? Infinity : a.on ? a.p.distanceTo(b.p) : 0);
  }
  if (now.ray.on !== sent.ray.on) return Infinity;
  return now.ray.on ? Math.max(most, now.ray.o.distanceTo(sent.ray.o), Math.abs(now.ray.length - sent.ray.length)) : most;
}

/** The largest turn (rad) of head, hands or ray since `sent`. */
function turned(now: Poses, sent: Poses): number {
  let most = now.quat.angleTo(sent.quat);
  for (let k = 0; k < now.hands.length; k++) if (now.hands[k].on && sent.hands[k].on) most = Math.max(most, now.hands[k].q.angleTo(sent.hands[k].q));
  return now.ray.on && sent.ray.on ? Math.max(most, now.ray.d.angleTo(sent.ray.d)) : most;
}

function copyInto(from: Poses, to: Poses): void {
  to.head.copy(from.head);
  to.quat.copy(from.quat);
  from.hands.forEach((h, k) => {
    to.hands[k].on = h.on;
    to.hands[k].p.copy(h.p);
    to.hands[k].q.copy(h.q);
  });
  to.ray.on = from.ray.on;
  to.ray.o.copy(from.ray.o);
  to.ray.d.copy(from.ray.d);
  to.ray.length = from.ray.length;
}

/**
 * What this user sees, in the cloud's units: from the head along its full gaze (pitch included),
 * so desktop followers of a VR presenter look where the presenter looks.
 */
function headView(rig: XrRig, head: THREE.Vector3, quat: THREE.Quaternion) {
  const f = new THREE.Vector3(0, 0, -1).applyQuaternion(quat);
  return { position: rig.toCloud([head.x, head.y, head.z]), target: rig.toCloud([head.x + f.x, head.y + f.y, head.z + f.z]) };
}
