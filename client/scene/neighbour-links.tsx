import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js';
import { LineSegments2 } from 'three/examples/jsm/lines/LineSegments2.js';
import { LineSegmentsGeometry } from 'three/examples/jsm/lines/LineSegmentsGeometry.js';
import type { NeighbourLinks as Links } from './types.ts';

const DEFAULT_LINK = '#fff4c2';
/** Screen widths in CSS pixels: a bright line inside a dark casing reads on any point colour. */
export const LINK_WIDTH_PX = 2.5;
export const LINK_CASING_PX = 6;
const CASING = '#05070b';

/**
 * Lines from a point to each of its linked points. Neighbours in feature space usually sit close
 * together in the layout, so at the default zoom a link is often shorter than the spheres it
 * joins: 1 px GL lines tested against depth vanished under them. These are screen-space lines
 * (three's LineSegments2: constant pixel width at every zoom, in XR too) drawn over the points,
 * a bright line in a dark casing; two draw calls for all links.
 */
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
        // Bright at the source, a little dimmer at the neighbour: direction stays readable.
        rgb.set([c.r, c.g, c.b, c.r * 0.7, c.g * 0.7, c.b * 0.7], s * 6);
        s++;
      }
    }
    const g = new LineSegmentsGeometry();
    g.setPositions(xyz.subarray(0, s * 6));
    g.setColors(rgb.subarray(0, s * 6));
    return g;
  }, [links, positions, count]);
  const [line, casing] = useMemo(() => {
    const common = { transparent: true, depthTest: false, depthWrite: false, toneMapped: false, worldUnits: false };
    const lineMaterial = new LineMaterial({ ...common, vertexColors: true, linewidth: LINK_WIDTH_PX });
    const casingMaterial = new LineMaterial({ ...common, color: new THREE.Color(CASING).getHex(), linewidth: LINK_CASING_PX, opacity: 0.8 });
    const make = (material: LineMaterial, order: number) => {
      const object = new LineSegments2(geometry, material);
      object.renderOrder = order;
      object.frustumCulled = false;
      object.raycast = () => undefined;
      return object;
    };
    // Above the points, below cluster names (9) and pins.
    return [make(lineMaterial, 6), make(casingMaterial, 5)];
  }, [geometry]);
  useEffect(
    () => () => {
      geometry.dispose();
      (line.material as LineMaterial).dispose();
      (casing.material as LineMaterial).dispose();
    },
    [geometry, line, casing],
  );
  if (links.length === 0) return null;
  return (
    <>
      <primitive object={casing} />
      <primitive object={line} />
    </>
  );
}
