import type { ColumnData } from '../../../shared/table.ts';
import type { ClusterStatsCell, ClusterStatsTable, ReportCluster } from './report-input.ts';

/** Columns the compact table shows at most (the full statistics live in the app). */
export const STATS_COLUMNS = 5;

export interface ClusterStatsInput {
  columns: ReadonlyMap<string, ColumnData>;
  /** Per point: its dataset row and displayed cluster (-1 noise). */
  rowIndex: Uint32Array;
  cluster: Int32Array;
  clusters: readonly ReportCluster[];
  /** The analysis' feature columns, in order: the fallback when traits name too few. */
  features: readonly string[];
}

/**
 * A compact table: per cluster (and noise, and all points), the mean ± sd of numeric columns
 * and the commonest category with its share, over the columns the clusters' traits lean on most
 * (summed |effect|), topped up with the first features. Missing cells are left out of each figure.
 */
export function clusterStats(input: ClusterStatsInput): ClusterStatsTable {
  const weight = new Map<string, number>();
  for (const c of input.clusters) for (const t of c.traits) weight.set(t.column, (weight.get(t.column) ?? 0) + Math.abs(t.effect));
  const usable = (name: string) => {
    const type = input.columns.get(name)?.type;
    return type === 'number' || type === 'category' || type === 'boolean';
  };
  const ranked = [...weight.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([name]) => name);
  const names = [...new Set([...ranked, ...input.features])].filter(usable).slice(0, STATS_COLUMNS);
  const columns = names.map((name) => ({ name, kind: input.columns.get(name)!.type === 'number' ? ('number' as const) : ('category' as const) }));

  const groups: { id: number | null; points: number[] }[] = input.clusters.map((c) => ({ id: c.id, points: [] }));
  const groupOf = new Map(groups.map((g, k) => [g.id, k]));
  const noise: number[] = [];
  const all: number[] = [];
  for (let i = 0; i < input.cluster.length; i++) {
    all.push(i);
    const k = groupOf.get(input.cluster[i]);
    if (k !== undefined) groups[k].points.push(i);
    else if (input.cluster[i] < 0) noise.push(i);
  }
  if (noise.length > 0) groups.push({ id: -1, points: noise });
  groups.push({ id: null, points: all });
  return {
    columns,
    rows: groups.map((g) => ({ id: g.id, size: g.points.length, cells: names.map((name) => cellOf(input.columns.get(name)!, g.points, input.rowIndex)) })),
  };
}

function cellOf(column: ColumnData, points: readonly number[], rowIndex: Uint32Array): ClusterStatsCell {
  if (column.type === 'number') {
    let count = 0;
    let sum = 0;
    let sq = 0;
    for (const i of points) {
      const v = column.values[rowIndex[i]];
      if (Number.isNaN(v)) continue;
      count++;
      sum += v;
    }
    const mean = count > 0 ? sum / count : Number.NaN;
    for (const i of points) {
      const v = column.values[rowIndex[i]];
      if (!Number.isNaN(v)) sq += (v - mean) ** 2;
    }
    return { kind: 'number', mean, sd: count > 1 ? Math.sqrt(sq / (count - 1)) : 0, missing: points.length - count };
  }
  if (column.type === 'category' || column.type === 'boolean') {
    const counts = new Uint32Array(column.dictionary.length);
    let missing = 0;
    for (const i of points) {
      const c = column.codes[rowIndex[i]];
      if (c < 0) missing++;
      else counts[c]++;
    }
    let best = -1;
    for (let c = 0; c < counts.length; c++) if (counts[c] > 0 && (best < 0 || counts[c] > counts[best])) best = c;
    const present = points.length - missing;
    return { kind: 'category', top: best < 0 ? null : column.dictionary[best], share: best < 0 || present === 0 ? 0 : counts[best] / present, missing };
  }
  return { kind: 'category', top: null, share: 0, missing: points.length };
}
