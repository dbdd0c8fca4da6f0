import type { RigPose } from './rig-math.ts';

/**
 * Following a presenter in VR: the rig glides to the presenter's place instead of cutting there,
 * so the follower sees where they are taken. Comfort rules (vection: seeing the world slide past
 * a body that stands still is what makes people sick): only the rig's position moves, never its
 * yaw (the head is never turned for the user); the speed is bounded (GLIDE_SPEED_M_S) and the
 * glide short (at most GLIDE_MAX_MS; a farther place is reached faster rather than longer);
 * it eases out, so a new target arriving mid-glide (the presenter's 12 Hz updates) carries on
 * from where the rig is without a jolt.
 */
export const GLIDE_SPEED_M_S = 2;
export const GLIDE_MIN_MS = 150;
export const GLIDE_MAX_MS = 800;

export interface Glide {
  from: RigPose;
  to: RigPose;
  start: number;
  duration: number;
}

/** A glide from `from` to `to`'s position, starting at `now` (ms); the yaw stays `from`'s. */
export function startGlide(from: RigPose, to: RigPose, now: number): Glide {
  const distance = Math.hypot(to.x - from.x, to.y - from.y, to.z - from.z);
  const duration = Math.min(GLIDE_MAX_MS, Math.max(GLIDE_MIN_MS, (distance / GLIDE_SPEED_M_S) * 1000));
  return { from, to: { ...to, yaw: from.yaw }, start: now, duration };
}

/** Where the rig is at `now`, and whether the glide has ended; written into `out` (the frame loop passes its own) and returned. */
export function glideAt(g: Glide, now: number, out: { pose: RigPose; done: boolean } = { pose: { x: 0, y: 0, z: 0, yaw: 0 }, done: false }): { pose: RigPose; done: boolean } {
  const t = Math.min(1, Math.max(0, (now - g.start) / g.duration));
  const u = 1 - (1 - t) ** 3;
  const { from, to } = g;
  out.pose.x = from.x + (to.x - from.x) * u;
  out.pose.y = from.y + (to.y - from.y) * u;
  out.pose.z = from.z + (to.z - from.z) * u;
  out.pose.yaw = from.yaw;
  out.done = t >= 1;
  return out;
}
