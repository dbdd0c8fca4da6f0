import type { Column } from '../../../shared/table.ts';

/**
 * Per-group summaries of one original (unscaled) column over the analysed rows: the raw
 * material of every explanation, computed in one pass per column.
 */
export interface NumericGroupStats {
  kind: 'numeric';
  /** Per group: count of present values, sum, sum of squares. Index g = group id + 1 (0 = noise). */
  count: Float64Array;
  sum: Float64Array;
  sumSq: Float64Array;
}

export interface CategoricalGroupStats {
  kind: 'categorical';
  dictionary: string[];
  /** counts[g * levels + code] */
  counts: Float64Array;
  levels: number;
}

export type GroupStats = NumericGroupStats | CategoricalGroupStats;

/** `groupOf[p]` is the group (cluster id, -1 = noise) of point p, whose dataset row is rowIndex[p]. */
export function groupStats(column: Column, rowIndex: Uint32Array, groupOf: Int32Array, groups: number): GroupStats | null {
  const data = column.data;
  const slots = groups + 1;
  if (data.type === 'number' || data.type === 'datetime') {
    const count = new Float64Array(slots);
    const sum = new Float64Array(slots);
    const sumSq = new Float64Array(slots);
    for (let p = 0; p < rowIndex.length; p++) {
      const v = data.values[rowIndex[p]];
      if (Number.isNaN(v)) continue;
      const g = groupOf[p] + 1;
      count[g]++;
      sum[g] += v;
      sumSq[g] += v * v;
    }
    return { kind: 'numeric', count, sum, sumSq };
  }
  if (data.type === 'category' || data.type === 'boolean') {
    const levels = data.dictionary.length;
    if (levels === 0) return null;
    const counts = new Float64Array(slots * levels);
    for (let p = 0; p < rowIndex.length; p++) {
      const c = data.codes[rowIndex[p]];
      if (c >= 0) counts[(groupOf[p] + 1) * levels + c]++;
    }
    return { kind: 'categorical', dictionary: data.dictionary, counts, levels };
  }
  return null;
}
