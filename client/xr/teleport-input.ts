/** Thumbstick forward (negative y in the xr-standard mapping) past this starts aiming a teleport... */
export const TELEPORT_AIM = 0.6;
/** ...and letting it back under this lands it. */
export const TELEPORT_RELEASE = 0.3;

export type TeleportStep = 'idle' | 'aim' | 'land' | 'cancel';

/**
 * The teleport gesture on one thumbstick (x, y): push forward to show the arc, let go to jump
 * where it lands. Sideways pushes belong to the snap turn, so aiming starts only when forward
 * dominates; pulling back while aiming cancels.
 */
export function teleportInput(x: number, y: number, aiming: boolean): TeleportStep {
  if (!aiming) return -y >= TELEPORT_AIM && -y > Math.abs(x) ? 'aim' : 'idle';
  if (y >= TELEPORT_AIM) return 'cancel';
  return -y < TELEPORT_RELEASE ? 'land' : 'aim';
}
