import type { EncodingScale } from '../session/index.ts';

/**
 * Maps the finite values of a column onto [0, 1] with the chosen scale, and back (legend ticks).
 * Missing values (NaN) map to NaN so callers can colour or size them apart.
 */
export interface Normaliser {
  /** Domain of finite values (NaN, NaN when there are none). */
  min: number;
  max: number;
  scale: EncodingScale;
  apply(value: number): number;
  invert(t: number): number;
}

export function finiteExtent(values: ArrayLike<number>): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? [min, max] : [Number.NaN, Number.NaN];
}

/** Order statistics a quantile scale keeps (its resolution). */
export const QUANTILE_STEPS = 1024;

export function makeNormaliser(values: ArrayLike<number>, scale: EncodingScale = 'linear'): Normaliser {
  const [min, max] = finiteExtent(values);
  const base = { min, max, scale };
  if (!(min < max)) return { ...base, apply: (v) => (Number.isNaN(v) ? Number.NaN : 0.5), invert: () => min };
  if (scale === 'quantile') {
    const present = new Float64Array(values.length);
    let m = 0;
    for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) present[m++] = values[i];
    const sorted = present.subarray(0, m).sort();
    const last = sorted.length - 1;
    // Ranks read off QUANTILE_STEPS evenly spaced order statistics, interpolated between them:
    // exact enough for 256 colours, and each point costs a search in a table that stays in cache.
    const steps = Math.min(QUANTILE_STEPS, last);
    const q = Float64Array.from({ length: steps + 1 }, (_, k) => sorted[Math.round((k * last) / steps)]);
    return {
      ...base,
      apply(v) {
        if (Number.isNaN(v)) return Number.NaN;
        const lo = bound(q, v, false);
        const hi = bound(q, v, true);
        // Ties span several steps: they share the middle one.
        if (hi > lo) return (lo + hi - 1) / 2 / steps;
        if (lo === 0) return 0;
        if (lo > steps) return 1;
        return (lo - 1 + (v - q[lo - 1]) / (q[lo] - q[lo - 1])) / steps;
      },
      invert: (t) => sorted[Math.round(Math.max(0, Math.min(1, t)) * last)],
    };
  }
  if (scale === 'log') {
    // Shifted so the smallest value maps to log(1) = 0: zeros and negatives work too.
    const span = Math.log1p(max - min);
    return { ...base, apply: (v) => Math.log1p(v - min) / span, invert: (t) => min + Math.expm1(t * span) };
  }
  if (scale === 'sqrt') {
    const span = Math.sqrt(max - min);
    return { ...base, apply: (v) => Math.sqrt(v - min) / span, invert: (t) => min + (t * span) ** 2 };
  }
  const span = max - min;
  return { ...base, apply: (v) => (v - min) / span, invert: (t) => min + t * span };
}

/** First index whose value is ≥ v (or > v when `after`). */
function bound(sorted: Float64Array, v: number, after: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < v || (after && sorted[mid] === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
