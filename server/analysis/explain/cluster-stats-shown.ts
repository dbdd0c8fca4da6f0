import type { ClusterStatsGroup, ClusterStatsTable } from '../../../shared/insights/explain.ts';
import { displayedClusterLabel } from '../../../shared/session/cluster-ids.ts';

/**
 * The statistics table under the numbers a session displays (`shown`: raw cluster id →
 * displayed id, one for every cluster of the table): cluster ids and the labels that name a
 * cluster by its number renumbered, clusters ordered by displayed id (all rows first, noise
 * last, as the table lists them). The figures are untouched.
 */
export function clusterStatsShown(table: ClusterStatsTable, shown: ReadonlyMap<number, number>): ClusterStatsTable {
  const renumber = (g: ClusterStatsGroup): ClusterStatsGroup => {
    if (g.cluster === null || g.cluster < 0) return g;
    const id = shown.get(g.cluster) ?? g.cluster;
    return { ...g, cluster: id, label: displayedClusterLabel(g.label, g.cluster, id) };
  };
  const rank = (g: ClusterStatsGroup) => (g.cluster === null ? -Infinity : g.cluster < 0 ? Infinity : g.cluster);
  return { ...table, groups: table.groups.map(renumber).sort((a, b) => rank(a) - rank(b)) };
}
