import { useFrame } from '@react-three/fiber';
import { useMemo } from 'react';
import type { RigPose } from './rig-math.ts';
import { DEFAULT_SMOOTH_SPEED, smoothStep } from './smooth-move.ts';
import { controllerOf } from './input-sources.ts';
import type { XrRig } from './xr-rig.ts';

/** Smooth movement's setting (the VR panel changes it) and the frames it moved, for hooks. */
export class SmoothMoveState {
  /** m/s; 0 = off. Personal comfort, not shared. */
  speed: number = DEFAULT_SMOOTH_SPEED;
  movedFrames = 0;
  /** The comfort vignette's strength now, 0–1 (xr-vignette.tsx: up while the rig glides). */
  vignette = 0;
}

/**
 * Smooth movement on the left thumbstick (the right one snap-turns and teleports): the rig
 * glides where the head looks at the panel's speed (smooth-move.ts). Only the rig moves; the
 * frame loop reuses its own pose and direction objects.
 */
export function XrSmoothMove({ rig, state }: { rig: XrRig; state: SmoothMoveState }) {
  const m = useMemo(() => ({ before: { x: 0, y: 0, z: 0, yaw: 0 } as RigPose, next: { x: 0, y: 0, z: 0, yaw: 0 } as RigPose, forward: [0, 0, -1] as [number, number, number] }), []);
  useFrame((_three, delta, frame: XRFrame | undefined) => {
    if (!frame || !rig.origin || state.speed <= 0) return;
    const axes = controllerOf(frame.session, 'left')?.gamepad?.axes;
    if (!axes || axes.length < 4) return;
    const before = rig.pose(m.before);
    const next = smoothStep(before, rig.flatForward(m.forward), axes[2], axes[3], state.speed, delta, m.next);
    if (next === before) return;
    rig.setPose(next);
    state.movedFrames++;
  });
  return null;
}
