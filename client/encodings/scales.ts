import type { EncodingScale } from '../../shared/session/index.ts';

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

export function makeNormaliser(values: ArrayLike<number>, scale: EncodingScale = 'linear'): Normaliser {
  const [min, max] = finiteExtent(values);
  const base = { min, max, scale };
  if (!(min < max)) return { ...base, apply: (v) => (Number.isNaN(v) ? Number.NaN : 0.5), invert: () => min };
  if (scale === 'quantile') {
    const sorted = Float64Array.from(values).filter((v) => !Number.isNaN(v)).sort();
    const last = sorted.length - 1;
    return {
      ...base,
      apply(v) {
        if (Number.isNaN(v)) return Number.NaN;
        let lo = 0;
        let hi = sorted.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (sorted[mid] < v) lo = mid + 1;
          else hi = mid;
        }
        let upper = lo;
        while (upper < sorted.length && sorted[upper] === v) upper++;
        // Mid-rank among equal values, so ties share one colour.
        return (lo + Math.max(lo, upper - 1)) / 2 / last;
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
