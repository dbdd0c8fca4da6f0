/** Median of a sorted array (mean of the middle two for an even length). */
export function medianSorted(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  return n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/** The present (non-NaN) values, sorted ascending. */
export function presentSorted(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) out[n++] = values[i];
  return out.subarray(0, n).sort();
}

/** Median and median absolute deviation of sorted values. */
export function medianAndMad(sorted: Float64Array): { median: number; mad: number } {
  const median = medianSorted(sorted);
  const deviations = new Float64Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) deviations[i] = Math.abs(sorted[i] - median);
  deviations.sort();
  return { median, mad: medianSorted(deviations) };
}
