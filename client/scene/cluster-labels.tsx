import { useRef } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import * as THREE from 'three';
import { placeLabels, type ScreenBox } from './label-declutter.ts';
import { LabelSprite } from './label-sprite.tsx';
import type { ClusterLabel } from './types.ts';

const anchor = new THREE.Vector3();
/**
 * Where a name may sit, as the sprite's centre (label heights): just above its anchor point,
 * just below it, one label higher. Preferred in that order.
 */
const SLOTS = [0, 1.25, -1.25];
/** Margin kept between a name and the side of the view, pixels. */
const EDGE_PX = 4;

/**
 * Cluster names floating over their blobs: bigger than note labels, so a projector room can read
 * them. Labels come largest cluster first; a name that would cover a bigger cluster's name moves
 * to another slot around its anchor, and is not drawn from this viewpoint if none is free.
 */
export function ClusterLabels({ labels }: { labels: readonly ClusterLabel[] }) {
  const group = useRef<THREE.Group>(null);
  // Labels are sized by the view's height; a portrait phone is narrow for its height, so names
  // shrink there (to no less than 60%) instead of running off both sides.
  const aspect = useThree((s) => s.size.width / Math.max(1, s.size.height));
  const height = 0.042 * Math.min(1, Math.max(0.6, aspect / 1.2));
  useFrame(({ camera, size }) => {
    const sprites = group.current?.children as THREE.Sprite[] | undefined;
    if (!sprites) return;
    // Constant-size sprites span scale × P[1][1] of normalised device height.
    const pxPerUnit = (camera.projectionMatrix.elements[5] * size.height) / 2;
    const candidates = sprites.map((s): ScreenBox[] => {
      anchor.copy(s.position).project(camera);
      if (anchor.z > 1 || anchor.z < -1) return [];
      const x = ((anchor.x + 1) / 2) * size.width;
      const y = ((1 - anchor.y) / 2) * size.height;
      const w = s.scale.x * pxPerUnit;
      const h = s.scale.y * pxPerUnit;
      // Slide a name sideways to stay on screen when its anchor is near an edge (centred when
      // it is wider than the view anyway).
      const room = size.width - 2 * EDGE_PX;
      s.center.x = w >= room ? 0.5 : Math.min(Math.max(0.5, 1 - (size.width - EDGE_PX - x) / w), (x - EDGE_PX) / w);
      const left = x - s.center.x * w;
      // A sprite centre of c label heights puts the label's bottom c heights below the anchor.
      return SLOTS.map((c) => ({ x0: left, y0: y + (c - 1) * h, x1: left + w, y1: y + c * h }));
    });
    placeLabels(candidates).forEach((slot, i) => {
      sprites[i].visible = slot >= 0;
      if (slot >= 0) sprites[i].center.y = SLOTS[slot];
    });
  });
  return (
    <group name="cluster-labels" ref={group}>
      {labels.map((l) => (
        <LabelSprite key={l.id} text={l.text} accent={l.color} height={height} position={l.position} framed />
      ))}
    </group>
  );
}
