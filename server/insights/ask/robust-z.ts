/**
 * Modified z-scores (Iglewicz and Hoaglin): 0.6745 (x − median) / MAD, which one extreme value
 * cannot mask the way it inflates a standard deviation. Where more than half the values are equal
 * (MAD 0, e.g. days without rain) the mean absolute deviation × 1.2533 stands in for the MAD's
 * scale. NaN stays NaN (missing); all 0 when every value is the same.
 */
export const UNUSUAL_Z = 3.5;

export function robustZ(values: Float64Array): { z: Float64Array; median: number; scale: number } {
  const present = Float64Array.from(values.filter((v) => !Number.isNaN(v))).sort();
  const z = new Float64Array(values.length).fill(NaN);
  if (present.length === 0) return { z, median: NaN, scale: 0 };
  const median = medianOf(present);
  const deviations = present.map((v) => Math.abs(v - median)).sort();
  const mad = medianOf(deviations);
  const meanDeviation = deviations.reduce((a, b) => a + b, 0) / deviations.length;
  // z = (x − median) / scale
  const scale = mad > 0 ? mad / 0.6745 : meanDeviation * 1.2533;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isNaN(v)) z[i] = scale > 0 ? (v - median) / scale : 0;
  }
  return { z, median, scale };
}

function medianOf(sorted: Float64Array): number {
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
}
