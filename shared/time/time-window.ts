/**
 * Which rows a timeline shows at a moment: the pure core of time animation. A row is `in`
 * when its time t satisfies moment − window < t ≤ moment, `fading` for the next `fade` of
 * age (moment − window − fade < t ≤ moment − window), and out otherwise (not yet, long gone,
 * or no time at all). A null window keeps everything so far (nothing fades).
 */
export const TimeState = { Out: 0, In: 1, Fading: 2 } as const;
export type TimeStateValue = (typeof TimeState)[keyof typeof TimeState];

/** Points ordered by their time; points without one (NaN) are left out and counted. */
export interface TimeIndex {
  /** Point indices, ascending by time (ties by point index). */
  order: Uint32Array;
  /** Their times, ascending. */
  sorted: Float64Array;
  /** Points without a time. */
  missing: number;
  /** First and last time (NaN when no point has one). */
  start: number;
  end: number;
}

export function buildTimeIndex(times: ArrayLike<number>): TimeIndex {
  const dated: number[] = [];
  for (let i = 0; i < times.length; i++) if (Number.isFinite(times[i])) dated.push(i);
  const order = Uint32Array.from(dated).sort((a, b) => times[a] - times[b] || a - b);
  const sorted = new Float64Array(order.length);
  for (let j = 0; j < order.length; j++) sorted[j] = times[order[j]];
  return { order, sorted, missing: times.length - order.length, start: sorted.length ? sorted[0] : NaN, end: sorted.length ? sorted[sorted.length - 1] : NaN };
}

/** First position whose time is greater than `t` (binary search). */
export function upperBound(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Positions in `sorted` order: [fadeLo, inLo) fading, [inLo, hi) in. */
export interface TimeRanges {
  fadeLo: number;
  inLo: number;
  hi: number;
}

export interface TimeWindow {
  moment: number;
  /** How far back rows stay in (column units); null = everything so far. */
  window: number | null;
  /** How long past the window a row takes to fade out (column units). */
  fade: number;
}

/** The visible set at a moment, straight from binary searches (what the cursor must agree with). */
export function timeRanges(index: TimeIndex, w: TimeWindow): TimeRanges {
  const hi = upperBound(index.sorted, w.moment);
  if (w.window === null) return { fadeLo: 0, inLo: 0, hi };
  const inLo = Math.min(hi, upperBound(index.sorted, w.moment - w.window));
  const fadeLo = Math.min(inLo, upperBound(index.sorted, w.moment - w.window - Math.max(0, w.fade)));
  return { fadeLo, inLo, hi };
}

/** The fade length a window gets: half of it (points leave gradually, not abruptly). */
export function fadeOf(window: number | null): number {
  return window === null ? 0 : window / 2;
}
