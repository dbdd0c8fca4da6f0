import { useMemo } from 'react';
import * as THREE from 'three';
import type { BoundingSphere } from './bounds.ts';

/**
 * A faint floor grid under the cloud and a small axis triad at its centre (x red, y green, z blue): enough to tell up
 * from down and which way you face, without competing with the points.
 */
export function OrientationGrid({ bounds }: { bounds: BoundingSphere }) {
  const { center, radius } = bounds;
  const grid = useMemo(() => {
    const g = new THREE.GridHelper(radius * 2.6, 13, 0x3b4a63, 0x222c3c);
    const m = g.material as THREE.Material;
    m.transparent = true;
    m.opacity = 0.55;
    m.depthWrite = false;
    g.raycast = () => {};
    return g;
  }, [radius]);
  const axes = useMemo(() => {
    const a = new THREE.AxesHelper(radius * 0.22);
    const m = a.material as THREE.Material;
    m.transparent = true;
    m.opacity = 0.8;
    a.raycast = () => {};
    return a;
  }, [radius]);
  const floor = center[1] - radius * 1.05;
  return (
    <group>
      <primitive object={grid} position={[center[0], floor, center[2]]} />
      <primitive object={axes} position={[center[0], floor, center[2]]} />
    </group>
  );
}
