import type { ClusterStatsGroup, ClusterStatsTable, ColumnGroupStats } from '../../../shared/insights/explain.ts';
import type { Column, ColumnData } from '../../../shared/table.ts';
import { columnWords } from './column-units.ts';

const TOP_VALUES = 5;

/**
 * The per-cluster statistics table: for every column, over all analysed rows, each cluster and
 * noise (if any): count, missing, mean, SD, min, quartiles, median, max (numbers, dates) or the
 * most frequent values (categories, booleans, text), in the column's own units.
 * `clusterLabels[c]` names cluster c. One sort per column and group; deterministic.
 */
export function clusterStatsTable(columns: Column[], rowIndex: Uint32Array, labels: Int32Array, clusterLabels: readonly string[]): ClusterStatsTable {
  const clusterCount = clusterLabels.length;
  // Rows of each group: slot 0 = all, 1..k = clusters, k+1 = noise.
  const members: number[][] = Array.from({ length: clusterCount + 2 }, () => []);
  for (let p = 0; p < rowIndex.length; p++) {
    const row = rowIndex[p];
    members[0].push(row);
    const l = labels[p];
    members[l >= 0 && l < clusterCount ? l + 1 : clusterCount + 1].push(row);
  }
  const groups: { cluster: number | null; label: string; rows: number[] }[] = [
    { cluster: null, label: 'All rows', rows: members[0] },
    ...clusterLabels.map((label, c) => ({ cluster: c, label, rows: members[c + 1] })),
  ];
  if (members[clusterCount + 1].length > 0) groups.push({ cluster: -1, label: 'Noise', rows: members[clusterCount + 1] });
  return {
    columns: columns.map((c) => ({ name: c.name, type: c.data.type, ...unitOf(c.name) })),
    groups: groups.map(
      (g): ClusterStatsGroup => ({ cluster: g.cluster, label: g.label, size: g.rows.length, stats: columns.map((c) => columnStats(c.data, g.rows)) }),
    ),
  };
}

function unitOf(name: string): { unit?: string } {
  const { unit } = columnWords(name);
  return unit ? { unit } : {};
}

/** One column over the given dataset rows. */
export function columnStats(data: ColumnData, rows: readonly number[]): ColumnGroupStats {
  if (data.type === 'number' || data.type === 'datetime') {
    const values: number[] = [];
    for (const r of rows) if (!Number.isNaN(data.values[r])) values.push(data.values[r]);
    const count = values.length;
    const base = { count, missing: rows.length - count };
    if (count === 0) return base;
    const sorted = Float64Array.from(values).sort();
    let sum = 0;
    for (const v of sorted) sum += v;
    const mean = sum / count;
    let sq = 0;
    for (const v of sorted) sq += (v - mean) * (v - mean);
    return {
      ...base,
      mean,
      sd: Math.sqrt(sq / count),
      min: sorted[0],
      q1: quantile(sorted, 0.25),
      median: quantile(sorted, 0.5),
      q3: quantile(sorted, 0.75),
      max: sorted[count - 1],
    };
  }
  const counts = new Map<string, number>();
  let missing = 0;
  for (const r of rows) {
    const value = data.type === 'text' ? data.values[r] : data.codes[r] >= 0 ? data.dictionary[data.codes[r]] : null;
    if (value === null) missing++;
    else counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return { count: rows.length - missing, missing, top: mostFrequent(counts, TOP_VALUES) };
}

/** The k most frequent values, ties by value: a selection, not a sort (a text column may hold 1M distinct values). */
function mostFrequent(counts: Map<string, number>, k: number): { value: string; count: number }[] {
  const before = (a: { value: string; count: number }, b: { value: string; count: number }) => a.count > b.count || (a.count === b.count && a.value < b.value);
  const top: { value: string; count: number }[] = [];
  for (const [value, count] of counts) {
    const entry = { value, count };
    if (top.length === k && !before(entry, top[k - 1])) continue;
    let i = top.length < k ? top.length : k - 1;
    if (top.length < k) top.push(entry);
    while (i > 0 && before(entry, top[i - 1])) {
      top[i] = top[i - 1];
      i--;
    }
    top[i] = entry;
  }
  return top;
}

/** Linear interpolation between closest ranks (numpy's default, R type 7) on sorted values. */
export function quantile(sorted: Float64Array, q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}
