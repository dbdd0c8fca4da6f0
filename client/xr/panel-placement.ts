export type Vec3 = readonly [number, number, number];

/**
 * The floating VR panel, placed once when it opens relative to where the head is and looks (rig
 * space, metres): within arm's reach, a little left of straight ahead (the right hand points at
 * the cloud past it) and a little below the eyes, tilted back to face them. Reading UI slightly
 * below eye level is what headset guidelines advise (the neck rests looking ~10–15° down); a fixed
 * height would sit at chest level for a tall user and at the eyes of one seated.
 */
export const FLOAT_DISTANCE_M = 0.55;
export const FLOAT_LEFT_M = 0.25;
export const FLOAT_BELOW_EYES_M = 0.15;
/** Tilt back (about x, radians): the panel's face points up to the eyes from below them. */
export const FLOAT_TILT_RAD = -Math.atan2(FLOAT_BELOW_EYES_M, FLOAT_DISTANCE_M);
/** Turned towards the user (about y): the panel sits left of the gaze, so it faces a little right. */
export const FLOAT_TURN_RAD = Math.atan2(FLOAT_LEFT_M, FLOAT_DISTANCE_M);

export interface FloatPose {
  position: [number, number, number];
  /** Euler angles in the rig, order 'YXZ': turned about the vertical first, then tilted back about its own x. */
  rotation: [number, number, number, 'YXZ'];
}

/**
 * Where the floating panel goes for a head at `head` (rig space) looking towards `yaw` (radians
 * about +y in the rig, 0 = −z).
 */
export function floatingPanelPose(head: Vec3, yaw: number): FloatPose {
  const c = Math.cos(yaw);
  const s = Math.sin(yaw);
  // Forward is (−sin yaw, 0, −cos yaw); left of it is (−cos yaw, 0, sin yaw).
  const x = head[0] - s * FLOAT_DISTANCE_M - c * FLOAT_LEFT_M;
  const z = head[2] - c * FLOAT_DISTANCE_M + s * FLOAT_LEFT_M;
  return { position: [x, head[1] - FLOAT_BELOW_EYES_M, z], rotation: [FLOAT_TILT_RAD, yaw + FLOAT_TURN_RAD, 0, 'YXZ'] };
}
