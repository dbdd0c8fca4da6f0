import type { ClusterStatsGroup, ClusterStatsTable, ColumnGroupStats } from '../../../shared/insights/explain.ts';
import type { Column, ColumnData } from '../../../shared/table.ts';
import { columnWords } from '../../../shared/column-units.ts';

const TOP_VALUES = 5;

/**
 * The per-cluster statistics table: for every column, over all analysed rows, each cluster and
 * noise (if any): count, missing, mean, SD, min, quartiles, median, max (numbers, dates) or the
 * most frequent values (categories, booleans, text), in the column's own units.
 * `clusterLabels[c]` names cluster c. Deterministic; one typed-array sort per numeric column and
 * cluster, the all-rows values merged from those (1M rows × 12 columns: see docs/analysis.md).
 */
export function clusterStatsTable(columns: Column[], rowIndex: Uint32Array, labels: Int32Array, clusterLabels: readonly string[]): ClusterStatsTable {
  const k = clusterLabels.length;
  // Slots: 0..k-1 the clusters, k noise. Dataset rows grouped by slot (a counting sort keeps row order within each).
  const slotOf = (p: number) => (labels[p] >= 0 && labels[p] < k ? labels[p] : k);
  const start = new Uint32Array(k + 2);
  for (let p = 0; p < rowIndex.length; p++) start[slotOf(p) + 1]++;
  for (let s = 0; s <= k; s++) start[s + 1] += start[s];
  const grouped = new Uint32Array(rowIndex.length);
  const fill = start.slice(0, k + 1);
  for (let p = 0; p < rowIndex.length; p++) grouped[fill[slotOf(p)]++] = rowIndex[p];
  const groups: { cluster: number | null; label: string; rows: Uint32Array }[] = [
    { cluster: null, label: 'All rows', rows: rowIndex },
    ...clusterLabels.map((label, c) => ({ cluster: c, label, rows: grouped.subarray(start[c], start[c + 1]) })),
  ];
  if (start[k + 1] > start[k]) groups.push({ cluster: -1, label: 'Noise', rows: grouped.subarray(start[k], start[k + 1]) });
  const perColumn = columns.map((c) => groupsStats(c.data, groups.map((g) => g.rows)));
  return {
    columns: columns.map((c) => ({ name: c.name, type: c.data.type, ...unitOf(c.name) })),
    groups: groups.map((g, i): ClusterStatsGroup => ({ cluster: g.cluster, label: g.label, size: g.rows.length, stats: perColumn.map((col) => col[i]) })),
  };
}

function unitOf(name: string): { unit?: string } {
  const { unit } = columnWords(name);
  return unit ? { unit } : {};
}

/**
 * One column over each group of rows, where groups[0] is all rows and the others split them: a
 * number column's sorted values of all rows are merged from the others' (the same array a sort
 * gives), which halves the sorting.
 */
function groupsStats(data: ColumnData, groups: ArrayLike<number>[]): ColumnGroupStats[] {
  if (data.type !== 'number' && data.type !== 'datetime') return groups.map((rows) => columnStats(data, rows));
  const parts = groups.slice(1).map((rows) => sortedPresent(data.values, rows));
  const all = mergeSorted(parts);
  return [numberStats(all, groups[0].length), ...parts.map((sorted, g) => numberStats(sorted, groups[g + 1].length))];
}

/** One column over the given dataset rows. */
export function columnStats(data: ColumnData, rows: ArrayLike<number>): ColumnGroupStats {
  if (data.type === 'number' || data.type === 'datetime') return numberStats(sortedPresent(data.values, rows), rows.length);
  const counts = new Map<string, number>();
  let missing = 0;
  if (data.type === 'text') {
    for (let i = 0; i < rows.length; i++) {
      const value = data.values[rows[i]];
      if (value === null) missing++;
      else counts.set(value, (counts.get(value) ?? 0) + 1);
    }
  } else {
    const byCode = new Float64Array(data.dictionary.length);
    for (let i = 0; i < rows.length; i++) {
      const code = data.codes[rows[i]];
      if (code < 0) missing++;
      else byCode[code]++;
    }
    byCode.forEach((n, code) => n > 0 && counts.set(data.dictionary[code], n));
  }
  return { count: rows.length - missing, missing, top: mostFrequent(counts, TOP_VALUES) };
}

/** The rows' values that are not missing, sorted ascending. */
function sortedPresent(values: Float64Array, rows: ArrayLike<number>): Float64Array {
  const present = new Float64Array(rows.length);
  let count = 0;
  for (let i = 0; i < rows.length; i++) {
    const v = values[rows[i]];
    if (!Number.isNaN(v)) present[count++] = v;
  }
  return present.subarray(0, count).sort();
}

function numberStats(sorted: Float64Array, rows: number): ColumnGroupStats {
  const count = sorted.length;
  const base = { count, missing: rows - count };
  if (count === 0) return base;
  let sum = 0;
  for (let i = 0; i < count; i++) sum += sorted[i];
  const mean = sum / count;
  let sq = 0;
  for (let i = 0; i < count; i++) sq += (sorted[i] - mean) * (sorted[i] - mean);
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

/** Sorted arrays merged pairwise into one, ordered as a typed-array sort orders (−0 before +0). */
function mergeSorted(parts: Float64Array[]): Float64Array {
  if (parts.length === 0) return new Float64Array(0);
  let round = parts;
  while (round.length > 1) {
    const next: Float64Array[] = [];
    for (let p = 0; p < round.length; p += 2) next.push(p + 1 < round.length ? mergeTwo(round[p], round[p + 1]) : round[p]);
    round = next;
  }
  return round[0];
}

function mergeTwo(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let o = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    // Equal values: a's first, unless b's is the −0 of a +0.
    if (x < y || (x === y && !(1 / y < 0 && 1 / x > 0))) {
      out[o++] = x;
      i++;
    } else {
      out[o++] = y;
      j++;
    }
  }
  out.set(a.subarray(i), o);
  out.set(b.subarray(j), o + a.length - i);
  return out;
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
