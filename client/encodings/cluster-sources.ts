import type { ColumnData } from '../../shared/table.ts';

export interface ClusterSources {
  cluster: number;
  /** Points of this cluster from each source, in the source column's dictionary order. */
  counts: number[];
  total: number;
}

/**
 * How many points of each cluster come from each dataset of a comparison: a cluster that is 80%
 * rows of the current dataset grew (or is new); one of the reference's only, shrank away.
 * Point i is dataset row rowIndex[i]; `source` is the comparison's source column, by dataset row.
 */
export function clusterSources(cluster: Int32Array, rowIndex: Uint32Array, source: ColumnData): ClusterSources[] {
  if (source.type !== 'category') return [];
  const sources = source.dictionary.length;
  const byCluster = new Map<number, number[]>();
  for (let i = 0; i < cluster.length; i++) {
    const code = source.codes[rowIndex[i]];
    if (code < 0) continue;
    let counts = byCluster.get(cluster[i]);
    if (!counts) byCluster.set(cluster[i], (counts = new Array<number>(sources).fill(0)));
    counts[code]++;
  }
  return [...byCluster.entries()]
    .sort(([a], [b]) => a - b)
    .map(([id, counts]) => ({ cluster: id, counts, total: counts.reduce((s, n) => s + n, 0) }));
}
