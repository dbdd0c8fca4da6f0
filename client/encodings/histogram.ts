import { bisectRight, nice, ticks } from 'd3-array';
import { finiteExtent } from '../../shared/encodings/scales.ts';

/**
 * Histogram of numeric values over nice bin edges (d3's tick rule), with a second count for a
 * subset (points passing the other filters), so a range slider shows what it would keep.
 */
export interface Histogram {
  edges: number[];
  counts: Uint32Array;
  /** Counts of points in `subset` (when given). */
  subsetCounts: Uint32Array | null;
  missing: number;
}

export function histogram(values: Float64Array, bins = 30, subset: Uint8Array | null = null): Histogram | null {
  const [min, max] = finiteExtent(values);
  if (Number.isNaN(min)) return null;
  let edges: number[];
  if (min === max) edges = [min - 0.5, min + 0.5];
  else {
    const [lo, hi] = nice(min, max, bins);
    edges = ticks(lo, hi, bins);
    if (edges[0] > min) edges.unshift(lo);
    if (edges[edges.length - 1] < max) edges.push(hi);
  }
  const k = edges.length - 1;
  const counts = new Uint32Array(k);
  const subsetCounts = subset ? new Uint32Array(k) : null;
  let missing = 0;
  const inner = edges.slice(1, -1);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) {
      missing++;
      continue;
    }
    // Bins are [edge_i, edge_i+1); the last one includes its right edge.
    const b = Math.min(k - 1, bisectRight(inner, v));
    counts[b]++;
    if (subsetCounts && subset![i]) subsetCounts[b]++;
  }
  return { edges, counts, subsetCounts, missing };
}
