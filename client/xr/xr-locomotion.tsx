import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import { ARC_GRAVITY, ARC_SPEED, arcFloorHit, arcPoints, snapTurn, teleportTo } from './rig-math.ts';
import { snapTurnInput } from './snap-turn.ts';
import { teleportInput } from './teleport-input.ts';
import { controllerOf } from './input-sources.ts';
import type { XrRig } from './xr-rig.ts';

const ARC_SEGMENTS = 32;

/** What locomotion did last, for tests and the console. */
export class LocomotionState {
  snapArmed = true;
  aiming = false;
  /** Where the arc lands now (world), valid while `aiming` and `hasLanding`. */
  readonly landing: [number, number, number] = [0, 0, 0];
  hasLanding = false;
  teleports = 0;
  turns = 0;
}

/**
 * Comfort locomotion on the right thumbstick: flick sideways to snap-turn by the rig's step
 * (30° by default) about the head, push forward to aim an arc at the floor and let go to
 * teleport onto where it lands. Both move the rig, never the user's head.
 */
export function XrLocomotion({ rig, state }: { rig: XrRig; state: LocomotionState }) {
  const parts = useMemo(() => {
    const positions = new Float32Array(ARC_SEGMENTS * 3);
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute('position', new THREE.BufferAttribute(positions, 3));
    const arc = new THREE.Line(geometry, new THREE.LineBasicMaterial({ color: '#7ee0a1' }));
    arc.frustumCulled = false;
    arc.visible = false;
    const ring = new THREE.Mesh(new THREE.RingGeometry(0.18, 0.24, 40).rotateX(-Math.PI / 2), new THREE.MeshBasicMaterial({ color: '#7ee0a1', side: THREE.DoubleSide }));
    ring.visible = false;
    return { positions, arc, ring };
  }, []);
  useEffect(
    () => () => {
      parts.arc.geometry.dispose();
      parts.ring.geometry.dispose();
    },
    [parts],
  );
  const m = useMemo(() => ({ pose: new THREE.Matrix4(), world: new THREE.Matrix4(), o: new THREE.Vector3(), d: new THREE.Vector3(), origin: [0, 0, 0] as [number, number, number], dir: [0, 0, -1] as [number, number, number], hit: [0, 0, 0] as [number, number, number] }), []);

  useFrame((three, _delta, frame: XRFrame | undefined) => {
    const ref = three.gl.xr.getReferenceSpace();
    if (!frame || !ref || !rig.origin) return;
    const source = controllerOf(frame.session, 'right');
    const axes = source?.gamepad?.axes;
    if (!source || !axes || axes.length < 4) return;
    const x = axes[2];
    const y = axes[3];

    const step = teleportInput(x, y, state.aiming);
    if (!state.aiming && step !== 'aim') {
      const snap = snapTurnInput(x, state.snapArmed);
      state.snapArmed = snap.armed;
      if (snap.turn !== 0) {
        rig.setPose(snapTurn(rig.pose(), rig.head(), (snap.turn * rig.snapStepDeg * Math.PI) / 180));
        state.turns++;
      }
    }
    if (step === 'aim') {
      const pose = frame.getPose(source.targetRaySpace, ref);
      if (pose) {
        rig.origin.updateWorldMatrix(true, false);
        m.world.multiplyMatrices(rig.origin.matrixWorld, m.pose.fromArray(pose.transform.matrix));
        m.o.setFromMatrixPosition(m.world);
        m.d.set(0, 0, -1).transformDirection(m.world);
        m.origin[0] = m.o.x;
        m.origin[1] = m.o.y;
        m.origin[2] = m.o.z;
        m.dir[0] = m.d.x;
        m.dir[1] = m.d.y;
        m.dir[2] = m.d.z;
        const hit = arcFloorHit(m.origin, m.dir, rig.origin.position.y, ARC_SPEED, ARC_GRAVITY, m.hit);
        state.hasLanding = hit !== null;
        if (hit) {
          state.landing[0] = hit[0];
          state.landing[1] = hit[1];
          state.landing[2] = hit[2];
          arcPoints(m.origin, m.dir, hit, parts.positions, ARC_SEGMENTS);
          parts.arc.geometry.attributes.position.needsUpdate = true;
          parts.ring.position.set(hit[0], hit[1] + 0.005, hit[2]);
        }
      }
      state.aiming = true;
    } else if (step === 'land' && state.aiming) {
      if (state.hasLanding) {
        rig.setPose(teleportTo(rig.pose(), rig.head(), state.landing));
        state.teleports++;
      }
      state.aiming = false;
      state.hasLanding = false;
    } else if (step === 'cancel') {
      state.aiming = false;
      state.hasLanding = false;
    }
    parts.arc.visible = state.aiming && state.hasLanding;
    parts.ring.visible = parts.arc.visible;
  });

  return (
    <>
      <primitive object={parts.arc} />
      <primitive object={parts.ring} />
    </>
  );
}
