/** Snap turn steps offered (degrees): comfort guidance keeps a snap between 30° and 45°. */
export const SNAP_TURN_STEPS = [30, 45] as const;
export const DEFAULT_SNAP_TURN_DEG = 30;
/** Thumbstick deflection that fires a snap, and the one it must fall back under before the next. */
export const SNAP_FIRE = 0.6;
export const SNAP_REARM = 0.3;

/**
 * A snap turn fires once per flick of the thumbstick: past SNAP_FIRE to a side, then re-armed
 * only after it returns under SNAP_REARM (holding the stick does not spin the user).
 * Returns the turn (−1 right, +1 left, 0 none; a turn to the right is negative yaw) and whether it is armed next.
 */
export function snapTurnInput(x: number, armed: boolean): { turn: -1 | 0 | 1; armed: boolean } {
  if (armed && Math.abs(x) >= SNAP_FIRE) return { turn: x > 0 ? -1 : 1, armed: false };
  return { turn: 0, armed: armed || Math.abs(x) < SNAP_REARM };
}
