import type { AnalysisDescription } from '../api-types.ts';
import { displayedClusterIds, displayedClusterLabel, mapClusterIds, type ClusterIds } from './cluster-ids.ts';

/**
 * The analysis as the session shows it: its raw cluster ids replaced, once, by the displayed ids
 * the session document keeps for it (so a re-analysis keeps the numbers and colours of the
 * clusters it shares with the previous one). Everything downstream (colours, legend, cluster
 * panel, names in the scene, filters, selection, exports) then sees displayed ids only.
 * Displayed ids may have gaps. The inputs are left untouched (arrays may be cached).
 * `rawClusterIds` maps each displayed id back to the analysis's raw id (noise, -1, is absent).
 */
export function withDisplayedClusters<A extends { cluster: Int32Array }>(
  analysis: AnalysisDescription,
  arrays: A,
  stored: ClusterIds | null,
): { analysis: AnalysisDescription; arrays: A; rawClusterIds: ReadonlyMap<number, number> } {
  const result = analysis.result;
  if (!result) return { analysis, arrays, rawClusterIds: new Map() };
  const rawIds = new Set(result.clusters.map((c) => c.id));
  for (let i = 0; i < arrays.cluster.length; i++) rawIds.add(arrays.cluster[i]);
  const shown = displayedClusterIds(stored, analysis.id, [...rawIds]);
  // The server's analysis routes speak raw ids: requests about a shown cluster translate back.
  const rawClusterIds = new Map([...shown].map(([raw, id]) => [id, raw]));
  if ([...shown].every(([raw, id]) => raw === id)) return { analysis, arrays, rawClusterIds };
  const clusters = result.clusters
    .map((c) => {
      const id = shown.get(c.id) ?? c.id;
      return { ...c, id, label: displayedClusterLabel(c.label, c.id, id) };
    })
    .sort((a, b) => a.id - b.id);
  return {
    analysis: { ...analysis, result: { ...result, clusters } },
    arrays: { ...arrays, cluster: mapClusterIds(arrays.cluster, shown) },
    rawClusterIds,
  };
}
