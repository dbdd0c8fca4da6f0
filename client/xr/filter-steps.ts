import { applyBound } from '../panels/range-filter.tsx';

/** A − / + press on the VR panel moves a bound by this fraction of the column's range: 20 presses cross it. */
export const FILTER_STEP_FRACTION = 1 / 20;

/**
 * A range bound after one − / + press (no sliders in the headset: a ray is too shaky for them):
 * from the bound (or the column's end when unset) by a twentieth of [lo, hi], then clamped as the
 * desktop's typed bounds are (applyBound: inside the column, min ≤ max, a bound at the end is none).
 */
export function stepBound(which: 'min' | 'max', dir: -1 | 1, current: { min: number | null; max: number | null }, lo: number, hi: number): { min: number | null; max: number | null } {
  const from = which === 'min' ? (current.min ?? lo) : (current.max ?? hi);
  return applyBound(which, from + dir * (hi - lo) * FILTER_STEP_FRACTION, current, lo, hi);
}

/** The finite values' [lo, hi] of a column, in the session's row order (null when none). */
export function columnSpan(values: ArrayLike<number>, rowIndex: ArrayLike<number>, count: number): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < count; i++) {
    const v = values[rowIndex[i]];
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return hi >= lo ? [lo, hi] : null;
}
