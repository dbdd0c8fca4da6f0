/** Median of a sorted array (mean of the middle two for an even length). */
export function medianSorted(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  return n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/** The present (non-NaN) values, sorted ascending. */
export function presentSorted(values: Float64Array): Float64Array {
  return values.filter((v) => !Number.isNaN(v)).sort();
}

/** Median and median absolute deviation of sorted values. */
export function medianAndMad(sorted: Float64Array): { median: number; mad: number } {
  const median = medianSorted(sorted);
  const deviations = sorted.map((v) => Math.abs(v - median)).sort();
  return { median, mad: medianSorted(deviations) };
}
