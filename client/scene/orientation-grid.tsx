import { useMemo } from 'react';
import * as THREE from 'three';
import type { RobustBox } from '../../shared/scene/robust-box.ts';

/**
 * A faint floor grid under the cloud and a small axis triad at its far corner (x red, y green, z blue): enough to tell
 * up from down and which way you face, without competing with the points (at the grid's centre the triad stood in the
 * middle of the view). Placed and sized by the robust box (the bulk of the points), just under its floor and little
 * wider than it: under a bounding sphere one outlier sank a grid 2.6 radii wide far below, and it filled the lower half
 * of the view. The floor covers the box's footprint (x by z), not a square of its widest side: a wide, shallow cloud
 * (the penguins' islands side by side) otherwise sat on a floor stretching far towards the camera, filling the lower
 * half of the view with empty grid.
 */
export function OrientationGrid({ box }: { box: RobustBox }) {
  const { center, size } = box;
  const radius = size / 2;
  const spanX = Math.max(box.max[0] - box.min[0], size * 0.25) * 1.1;
  const spanZ = Math.max(box.max[2] - box.min[2], size * 0.25) * 1.1;
  const grid = useMemo(() => {
    // A unit grid scaled to the footprint: its cells stretch a little, the lines stay one per tenth of each side.
    const g = new THREE.GridHelper(1, 10, 0x3b4a63, 0x222c3c);
    const m = g.material as THREE.Material;
    m.transparent = true;
    m.opacity = 0.55;
    m.depthWrite = false;
    g.raycast = () => {};
    return g;
  }, []);
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
      <primitive object={grid} position={[center[0], floor, center[2]]} scale={[spanX, 1, spanZ]} />
      <primitive object={axes} position={[center[0] - spanX * 0.5, floor, center[2] - spanZ * 0.5]} />
    </group>
  );
}
