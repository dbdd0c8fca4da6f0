export type Vec3 = readonly [number, number, number];

/** The cloud's transform in the world: position (m), yaw (rad about +y) and uniform scale. */
export interface CloudTransform {
  position: [number, number, number];
  yaw: number;
  scale: number;
}

/** Hands closer than this at the start give no stable distance ratio: no grab. */
export const MIN_GRAB_SPAN_M = 0.05;
/** The scale stays within these factors of the placement's (a table-top miniature to walking inside). */
export const MIN_SCALE_FACTOR = 0.05;
export const MAX_SCALE_FACTOR = 40;

/**
 * Two-hand grab: the cloud follows both hands as if held between them. Its scale follows the
 * hands' distance ratio, its yaw the turn of the line between them (about the vertical only: a
 * tilted cloud disorients), and the point between the hands stays under them. `a0`/`b0` are the
 * hands when the grab began, `a1`/`b1` now (world metres); `start` the cloud's transform then.
 * The answer is written into `out` (the frame loop passes its own, so a grab allocates nothing
 * per frame) and returned.
 */
export function grabTransform(start: CloudTransform, a0: Vec3, b0: Vec3, a1: Vec3, b1: Vec3, baseScale: number, out: CloudTransform = { position: [0, 0, 0], yaw: 0, scale: 1 }): CloudTransform {
  const d0 = Math.hypot(b0[0] - a0[0], b0[1] - a0[1], b0[2] - a0[2]);
  const d1 = Math.hypot(b1[0] - a1[0], b1[1] - a1[1], b1[2] - a1[2]);
  if (d0 < MIN_GRAB_SPAN_M) {
    out.position[0] = start.position[0];
    out.position[1] = start.position[1];
    out.position[2] = start.position[2];
    out.yaw = start.yaw;
    out.scale = start.scale;
    return out;
  }
  const scale = Math.min(baseScale * MAX_SCALE_FACTOR, Math.max(baseScale * MIN_SCALE_FACTOR, start.scale * (d1 / d0)));
  const k = scale / start.scale;
  // Yaw of the hand-to-hand line in the floor plane; rotating by θ about +y adds θ to atan2(x, z).
  const turn = Math.atan2(b1[0] - a1[0], b1[2] - a1[2]) - Math.atan2(b0[0] - a0[0], b0[2] - a0[2]);
  // The cloud's offset from the hands' midpoint at the start, turned and scaled about the midpoint now.
  const rx = start.position[0] - (a0[0] + b0[0]) / 2;
  const ry = start.position[1] - (a0[1] + b0[1]) / 2;
  const rz = start.position[2] - (a0[2] + b0[2]) / 2;
  const c = Math.cos(turn);
  const s = Math.sin(turn);
  out.position[0] = (a1[0] + b1[0]) / 2 + k * (rx * c + rz * s);
  out.position[1] = (a1[1] + b1[1]) / 2 + k * ry;
  out.position[2] = (a1[2] + b1[2]) / 2 + k * (-rx * s + rz * c);
  out.yaw = start.yaw + turn;
  out.scale = scale;
  return out;
}
