import { useMemo } from 'react';
import * as THREE from 'three';
import type { RobustBox } from './robust-box.ts';

/**
 * A faint floor grid under the cloud and a small axis triad at its far corner (x red, y green, z blue): enough to tell
 * up from down and which way you face, without competing with the points (at the grid's centre the triad stood in the
 * middle of the view). Placed and sized by the robust box (the bulk of the points), just under its floor and little
 * wider than it: under a bounding sphere one outlier sank a grid 2.6 radii wide far below, and it filled the lower half
 * of the view.
 */
export function OrientationGrid({ box }: { box: RobustBox }) {
  const { center, size } = box;
  const radius = size / 2;
  const span = Math.max(box.max[0] - box.min[0], box.max[2] - box.min[2], size * 0.5);
  const grid = useMemo(() => {
    const g = new THREE.GridHelper(span * 1.1, 11, 0x3b4a63, 0x222c3c);
    const m = g.material as THREE.Material;
    m.transparent = true;
    m.opacity = 0.55;
    m.depthWrite = false;
    g.raycast = () => {};
    return g;
  }, [span]);
  const axes = useMemo(() => {
    const a = new THREE.AxesHelper(radius * 0.22);
    const m = a.material as THREE.Material;
    m.transparent = true;
    m.opacity = 0.8;
    a.raycast = () => {};
    return a;
  }, [radius]);
  const floor = box.min[1] - size * 0.04;
  return (
    <group>
      <primitive object={grid} position={[center[0], floor, center[2]]} />
      <primitive object={axes} position={[center[0] - span * 0.55, floor, center[2] - span * 0.55]} />
    </group>
  );
}
