import type { Legend } from '../encodings/legend.ts';
import { clusterAnchors } from './cluster-anchors.ts';
import type { ClusterLabel } from './types.ts';

/** Most clusters for which names float in the scene unless someone asks for them. */
export const AUTO_CLUSTER_NAMES_MAX = 20;

/**
 * Whether cluster names float in the scene: only while points are coloured by cluster (the
 * label's colour must match its blob); then the personal choice, else on for ≤ 20 clusters.
 */
export function clusterNamesShown(colorBy: string, legend: Legend | null, preference: boolean | null): boolean {
  if (colorBy !== 'cluster' || legend?.kind !== 'categorical') return false;
  if (preference !== null) return preference;
  const clusters = legend.items.filter((item) => typeof item.key === 'number' && item.key >= 0).length;
  return legend.otherCount === 0 && clusters <= AUTO_CLUSTER_NAMES_MAX;
}

/**
 * The labels to draw: one per sizeable cluster at its anchor point (at the target positions,
 * so labels land where points are heading), with the legend's text and colour.
 */
export function clusterLabelList(positions: Float32Array, cluster: Int32Array, passes: Uint8Array | null, legend: Legend | null): ClusterLabel[] {
  if (legend?.kind !== 'categorical') return [];
  const items = new Map(legend.items.filter((item) => typeof item.key === 'number').map((item) => [item.key as number, item]));
  return clusterAnchors(positions, cluster, passes).flatMap((a) => {
    const item = items.get(a.cluster);
    if (!item) return [];
    const p = a.point * 3;
    return [{ id: String(a.cluster), point: a.point, text: item.label, color: item.color, position: [positions[p], positions[p + 1], positions[p + 2]] }];
  });
}
