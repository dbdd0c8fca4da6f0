import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import type { NeighbourLinks as Links } from './types.ts';

const DEFAULT_LINK = '#fff4c2';

/** Lines from a point to each of its linked points, all links in one draw call, coloured per link set. */
export function NeighbourLinks({ links, positions, count }: { links: readonly Links[]; positions: Float32Array; count: number }) {
  const geometry = useMemo(() => {
    let segments = 0;
    for (const l of links) segments += l.to.length;
    const xyz = new Float32Array(segments * 6);
    const rgb = new Float32Array(segments * 6);
    const c = new THREE.Color();
    let s = 0;
    for (const l of links) {
      if (l.from < 0 || l.from >= count) continue;
      c.set(l.color ?? DEFAULT_LINK);
      for (let k = 0; k < l.to.length; k++) {
        const to = l.to[k];
        if (to < 0 || to >= count) continue;
        for (let a = 0; a < 3; a++) {
          xyz[s * 6 + a] = positions[l.from * 3 + a];
          xyz[s * 6 + 3 + a] = positions[to * 3 + a];
        }
        // Fade from bright at the source to dimmer at the neighbour: direction is readable.
        rgb.set([c.r, c.g, c.b, c.r * 0.45, c.g * 0.45, c.b * 0.45], s * 6);
        s++;
      }
    }
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.BufferAttribute(xyz.subarray(0, s * 6), 3));
    g.setAttribute('color', new THREE.BufferAttribute(rgb.subarray(0, s * 6), 3));
    return g;
  }, [links, positions, count]);
  useEffect(() => () => geometry.dispose(), [geometry]);
  if (links.length === 0) return null;
  return (
    <lineSegments geometry={geometry} raycast={() => null} renderOrder={2}>
      <lineBasicMaterial vertexColors transparent opacity={0.85} toneMapped={false} />
    </lineSegments>
  );
}
