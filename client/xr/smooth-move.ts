import type { RigPose } from './rig-math.ts';

/** Speeds offered on the VR panel, m/s; 0 turns smooth movement off. */
export const SMOOTH_SPEEDS = [0, 1, 2] as const;
/**
 * Comfort default: 1 m/s, slower than walking (1.4 m/s), at a constant speed with no easing:
 * accelerations, not speed, are what the inner ear disagrees with.
 */
export const DEFAULT_SMOOTH_SPEED = 1;
/** Thumbstick rest noise: no drift from a stick that is let go. */
export const STICK_DEADZONE = 0.2;
/** A single frame's step is capped (a stalled frame must not throw the user metres away). */
const MAX_DT_S = 0.1;

/**
 * Smooth movement on a thumbstick: forward (y −1) moves where the head looks, sideways strafes,
 * both flat on the floor; the speed is constant past the deadzone in the stick's direction. The
 * yaw never changes (turning stays the snap turn's: smooth turning sickens most people). A stick
 * at rest returns `pose` itself; a step is written into `out` (the frame loop passes its own).
 */
export function smoothStep(pose: RigPose, forward: readonly [number, number, number], stickX: number, stickY: number, speed: number, dtS: number, out: RigPose = { x: 0, y: 0, z: 0, yaw: 0 }): RigPose {
  const mag = Math.hypot(stickX, stickY);
  if (speed <= 0 || mag < STICK_DEADZONE) return pose;
  const step = speed * Math.min(dtS, MAX_DT_S) * Math.min(1, (mag - STICK_DEADZONE) / (1 - STICK_DEADZONE));
  // Right of forward (fx, fz) on the floor is (−fz, fx).
  const fx = forward[0];
  const fz = forward[2];
  const ux = stickX / mag;
  const uy = -stickY / mag;
  out.x = pose.x + step * (uy * fx - ux * fz);
  out.y = pose.y;
  out.z = pose.z + step * (uy * fz + ux * fx);
  out.yaw = pose.yaw;
  return out;
}
