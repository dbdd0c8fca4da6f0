/** Duration of position / colour / size transitions, ms. */
export const TRANSITION_MS = 600;

/** Cubic ease-in-out on [0, 1]. */
export function easeInOutCubic(t: number): number {
  if (t <= 0) return 0;
  if (t >= 1) return 1;
  return t < 0.5 ? 4 * t * t * t : 1 - (-2 * t + 2) ** 3 / 2;
}

/** Eased progress of a transition that started at `start` (ms) at time `now` (ms). */
export function transitionProgress(start: number, now: number, duration = TRANSITION_MS): number {
  return duration <= 0 ? 1 : easeInOutCubic((now - start) / duration);
}
