import { PLAYBACK_SPEEDS } from '../session/playback-actions.ts';

/** A step back or forward on the VR panel's timeline: this share of the time column's span. */
export const TIME_STEP_SHARE = 0.1;

/** The moment one step from `moment` (dir −1 back, +1 forward), kept within [start, end]. */
export function steppedMoment(moment: number, start: number, end: number, dir: -1 | 1): number {
  const step = (end - start) * TIME_STEP_SHARE;
  return Math.min(end, Math.max(start, moment + dir * step));
}

/** The next offered speed below (−1) or above (+1) `speed`; the same at either end of the list. */
export function steppedSpeed(speed: number, dir: -1 | 1): number {
  if (dir > 0) return PLAYBACK_SPEEDS.find((s) => s > speed) ?? PLAYBACK_SPEEDS[PLAYBACK_SPEEDS.length - 1];
  return [...PLAYBACK_SPEEDS].reverse().find((s) => s < speed) ?? PLAYBACK_SPEEDS[0];
}
