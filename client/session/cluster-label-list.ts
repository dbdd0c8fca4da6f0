import type { Legend } from '../../shared/encodings/legend.ts';
import { clusterAnchors } from '../scene/cluster-anchors.ts';
import type { ClusterLabel } from '../scene/types.ts';

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

/** Members of each labelled cluster the scene keeps its name off (an even sample). */
export const LABEL_MEMBER_SAMPLE = 240;

/**
 * The labels to draw: one per sizeable cluster at its anchor point (at the target positions,
 * so labels land where points are heading), with the legend's text and colour, and an even
 * sample of its visible members, whose points the name must not cover.
 */
export function clusterLabelList(positions: Float32Array, cluster: Int32Array, passes: Uint8Array | null, legend: Legend | null): ClusterLabel[] {
  if (legend?.kind !== 'categorical') return [];
  const items = new Map(legend.items.filter((item) => typeof item.key === 'number').map((item) => [item.key as number, item]));
  const anchors = clusterAnchors(positions, cluster, passes).filter((a) => items.has(a.cluster));
  const members = memberSamples(cluster, passes, anchors);
  return anchors.map((a) => {
    const item = items.get(a.cluster)!;
    const p = a.point * 3;
    return { id: String(a.cluster), point: a.point, text: item.label, color: item.color, position: [positions[p], positions[p + 1], positions[p + 2]], members: members.get(a.cluster)! };
  });
}

/** Up to LABEL_MEMBER_SAMPLE visible members per cluster, spread evenly over its rows. */
function memberSamples(cluster: Int32Array, passes: Uint8Array | null, anchors: readonly { cluster: number; count: number }[]): Map<number, Uint32Array> {
  const state = new Map(anchors.map((a) => [a.cluster, { out: new Uint32Array(Math.min(a.count, LABEL_MEMBER_SAMPLE)), stride: Math.max(1, a.count / LABEL_MEMBER_SAMPLE), seen: 0, next: 0, k: 0 }]));
  for (let i = 0; i < cluster.length; i++) {
    if (passes && passes[i] !== 1) continue;
    const s = state.get(cluster[i]);
    if (!s) continue;
    if (s.seen >= s.next && s.k < s.out.length) {
      s.out[s.k++] = i;
      s.next += s.stride;
    }
    s.seen++;
  }
  return new Map([...state].map(([c, s]) => [c, s.out.subarray(0, s.k)]));
}
