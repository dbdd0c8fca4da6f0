/** Poses go out at most this often (ms): 20 Hz, what shared-VR systems send (networked-aframe 15, Croquet 20). */
export const POSE_INTERVAL_MS = 50;
/** ...and only when something moved at least this much (metres in the world, or radians). */
export const POSE_MOVE_M = 0.005;
export const POSE_TURN_RAD = 0.01;

/**
 * Whether a new head or ray pose is worth sending: awareness has no throttle and sends the whole
 * state to everyone, so a still user sends nothing and a moving one at most 20 times a second.
 * `moved` is the distance (m) and `turned` the angle (rad) since the last pose sent.
 */
export function shouldSendPose(sinceLastMs: number, moved: number, turned: number): boolean {
  return sinceLastMs >= POSE_INTERVAL_MS && (moved >= POSE_MOVE_M || turned >= POSE_TURN_RAD);
}
