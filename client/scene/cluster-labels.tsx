import { LabelSprite } from './label-sprite.tsx';
import type { ClusterLabel } from './types.ts';

/** Cluster names floating over their blobs: bigger than note labels, so a projector room can read them. */
export function ClusterLabels({ labels }: { labels: readonly ClusterLabel[] }) {
  return (
    <group name="cluster-labels">
      {labels.map((l) => (
        <LabelSprite key={l.id} text={l.text} accent={l.color} height={0.042} position={l.position} framed />
      ))}
    </group>
  );
}
