import { describe, expect, it } from 'vitest';
import * as THREE from 'three';
import { createRandom, randomNormal } from '../../../shared/random.ts';
import { ClusterLabelFrame, robustExtent, select } from '../../../client/scene/cluster-label-frame.ts';
import type { ClusterLabel } from '../../../client/scene/types.ts';

/** Three gaussian clusters of 200 points each around x = −4, 0, 4, seen by a camera at z = 20. */
function scene() {
  const random = createRandom(5);
  const perCluster = 200;
  const centres = [-4, 0, 4];
  const positions = new Float32Array(3 * perCluster * centres.length);
  const labels: ClusterLabel[] = centres.map((cx, c) => {
    const members = new Uint32Array(perCluster);
    for (let k = 0; k < perCluster; k++) {
      const i = c * perCluster + k;
      positions.set([cx + randomNormal(random) * 0.6, randomNormal(random) * 0.6, randomNormal(random) * 0.6], 3 * i);
      members[k] = i;
    }
    return { id: `c${c}`, point: c * perCluster, position: [cx, 0, 0], text: `Cluster ${c}`, color: ['#ff0000', '#00ff00', '#0000ff'][c], members };
  });
  const camera = new THREE.PerspectiveCamera(50, 1000 / 700, 0.1, 100);
  camera.position.set(0, 0, 20);
  camera.updateMatrixWorld();
  const sprites = labels.map(() => {
    const s = new THREE.Sprite();
    s.scale.set(6, 1, 1);
    return s;
  });
  const lines = new THREE.LineSegments(new THREE.BufferGeometry());
  return { positions, labels, camera, sprites, lines };
}

describe('ClusterLabelFrame', () => {
  it('places every name beside its cluster and rewrites the same buffers and objects every frame', () => {
    const { positions, labels, camera, sprites, lines } = scene();
    const frame = new ClusterLabelFrame();
    frame.update(labels, sprites, lines, positions, camera, 1000, 700, 8);
    const placed = frame.placed;
    const first = placed.map((p) => p);
    const firstBoxes = placed.map((p) => ({ ...p.box }));
    const linePositions = lines.geometry.getAttribute('position').array;
    expect(placed.map((p) => p.id)).toEqual(['c0', 'c1', 'c2']);
    expect(placed.every((p) => p.shown)).toBe(true);

    // A different viewpoint: new boxes, same array, same objects, same GPU buffers.
    camera.position.set(3, 2, 18);
    camera.lookAt(0, 0, 0);
    camera.updateMatrixWorld();
    frame.update(labels, sprites, lines, positions, camera, 1000, 700, 8);
    expect(frame.placed).toBe(placed);
    placed.forEach((p, i) => expect(p).toBe(first[i]));
    expect(lines.geometry.getAttribute('position').array).toBe(linePositions);
    expect(placed.some((p, i) => p.box.x0 !== firstBoxes[i].x0 || p.box.y0 !== firstBoxes[i].y0)).toBe(true);
  });

  it('hides a name whose anchor is behind the camera and keeps the others', () => {
    const { positions, labels, camera, sprites, lines } = scene();
    const frame = new ClusterLabelFrame();
    // Stand at x = 2 looking towards −x: the cluster at +4 is behind.
    camera.position.set(2, 0, 0);
    camera.lookAt(-10, 0, 0);
    camera.updateMatrixWorld();
    frame.update(labels, sprites, lines, positions, camera, 1000, 700, 8);
    expect(frame.placed[2].shown).toBe(false);
    expect(sprites[2].visible).toBe(false);
    expect(frame.placed.slice(0, 2).some((p) => p.shown)).toBe(true);
  });
});

describe('select and robustExtent', () => {
  it('finds the k-th smallest as a sort would', () => {
    const random = createRandom(9);
    for (const n of [1, 2, 7, 50, 301]) {
      const values = Float32Array.from({ length: n }, () => Math.round(randomNormal(random) * 10));
      const sorted = Float32Array.from(values).sort();
      for (const k of [0, Math.floor(n / 3), n - 1]) expect(select(Float32Array.from(values), n, k)).toBe(sorted[k]);
    }
  });

  it('reads only the first n entries of longer scratch arrays', () => {
    const xs = new Float32Array([3, 1, 2, 100, -100]);
    const ys = new Float32Array([30, 10, 20, 100, -100]);
    const box = { x0: 0, y0: 0, x1: 0, y1: 0 };
    robustExtent(xs, ys, 3, box);
    expect(box).toEqual({ x0: 1, y0: 10, x1: 3, y1: 30 });
  });
});
