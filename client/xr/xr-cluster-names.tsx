import { useEffect, useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import * as THREE from 'three';
import { SCENE_NAME_CHARS } from '../scene/cluster-labels.tsx';
import { createLabelTexture } from '../scene/label-texture.ts';
import type { ClusterLabel } from '../scene/types.ts';
import { NameLayout } from './name-layout.ts';
import type { XrRig } from './xr-rig.ts';

/** The live cluster names of the headset's view, for the test hooks (read-only). */
export class ClusterNamesState {
  meshes: THREE.Mesh[] = [];
  texts: string[] = [];
}

/**
 * Cluster names in the headset: the desktop's names (same labels, same texture), each a plane at
 * its cluster's anchor that turns to face the head every frame, sized to a constant visual angle,
 * and hidden where name-layout.ts says (too close, out of sight, over another name, behind the
 * VR panel or another UI surface in `surfaces`). World
 * objects outside the cloud's group, so a grabbed or scaled cloud does not shrink the text.
 */
export function XrClusterNames({ labels, rig, state, surfaces }: { labels: readonly ClusterLabel[]; rig: XrRig; state: ClusterNamesState; surfaces: readonly THREE.Object3D[] }) {
  const group = useRef<THREE.Group>(null);
  const built = useMemo(() => {
    const plane = new THREE.PlaneGeometry(1, 1);
    const names = labels.map((l) => {
      const t = createLabelTexture(l.text, l.color, SCENE_NAME_CHARS, true);
      const material = new THREE.MeshBasicMaterial({ map: t.texture, transparent: true, depthTest: false, depthWrite: false, toneMapped: false, side: THREE.DoubleSide });
      const mesh = new THREE.Mesh(plane, material);
      // Always on top like the desktop's names, and never picked by the ray.
      mesh.renderOrder = 10;
      mesh.raycast = () => {};
      mesh.visible = false;
      return { mesh, aspect: t.aspect, texture: t.texture, material };
    });
    return { plane, names, layout: new NameLayout(labels.length), view: new Float64Array(labels.length * 3), aspect: Float64Array.from(names, (n) => n.aspect) };
  }, [labels]);
  useEffect(() => {
    const g = group.current;
    for (const n of built.names) g?.add(n.mesh);
    state.meshes = built.names.map((n) => n.mesh);
    state.texts = labels.map((l) => l.text);
    return () => {
      for (const n of built.names) {
        g?.remove(n.mesh);
        n.material.dispose();
        n.texture.dispose();
      }
      built.plane.dispose();
      state.meshes = [];
      state.texts = [];
    };
  }, [built, labels, state]);

  const scratch = useMemo(() => ({ p: new THREE.Vector3(), head: new THREE.Vector3(), toHead: new THREE.Matrix4(), box: new THREE.Box3(), corner: new THREE.Vector3(), surfaces: new Float64Array(5 * MAX_SURFACES) }), []);
  useFrame(() => {
    const cloud = rig.cloud;
    const camera = rig.camera;
    if (!cloud || !camera || built.names.length === 0) return;
    cloud.updateWorldMatrix(true, false);
    camera.updateWorldMatrix(true, false);
    scratch.head.setFromMatrixPosition(camera.matrixWorld);
    scratch.toHead.copy(camera.matrixWorld).invert();
    const { names, layout, view } = built;
    for (let i = 0; i < names.length; i++) {
      // Indexed, not destructured: no iterator per name per frame.
      const at = labels[i].position;
      const mesh = names[i].mesh;
      mesh.position.set(at[0], at[1], at[2]).applyMatrix4(cloud.matrixWorld);
      scratch.p.copy(mesh.position).applyMatrix4(scratch.toHead);
      view[i * 3] = scratch.p.x;
      view[i * 3 + 1] = scratch.p.y;
      view[i * 3 + 2] = scratch.p.z;
    }
    layout.update(view, built.aspect, surfacesInView(surfaces, scratch));
    for (let i = 0; i < names.length; i++) {
      const mesh = names[i].mesh;
      mesh.visible = layout.shown[i] === 1;
      if (!mesh.visible) continue;
      const h = layout.height[i];
      mesh.scale.set(h * names[i].aspect, h, 1);
      // A plane's normal is +z; lookAt turns +z of a non-camera object towards the target.
      mesh.lookAt(scratch.head);
    }
  });
  return <group name="xr-cluster-names" ref={group} />;
}

/** UI surfaces (the VR panel, menus) that hide the names behind them; more are not looked at. */
const MAX_SURFACES = 4;

interface SurfaceScratch {
  box: THREE.Box3;
  corner: THREE.Vector3;
  toHead: THREE.Matrix4;
  surfaces: Float64Array;
}

/**
 * Each surface's world box seen from the head, for name-layout.ts: its extent in the view plane
 * (u0, v0, u1, v1) and its nearest depth. A surface reaching behind the head is left out.
 */
function surfacesInView(surfaces: readonly THREE.Object3D[], scratch: SurfaceScratch): Float64Array {
  let count = 0;
  for (let i = 0; i < surfaces.length && count < MAX_SURFACES; i++) {
    const box = scratch.box.setFromObject(surfaces[i]);
    if (box.isEmpty()) continue;
    let u0 = Infinity, v0 = Infinity, u1 = -Infinity, v1 = -Infinity, near = Infinity;
    for (let c = 0; c < 8; c++) {
      const p = scratch.corner.set(c & 1 ? box.max.x : box.min.x, c & 2 ? box.max.y : box.min.y, c & 4 ? box.max.z : box.min.z).applyMatrix4(scratch.toHead);
      const depth = -p.z;
      near = Math.min(near, depth);
      u0 = Math.min(u0, p.x / depth);
      u1 = Math.max(u1, p.x / depth);
      v0 = Math.min(v0, p.y / depth);
      v1 = Math.max(v1, p.y / depth);
    }
    if (!(near > 0)) continue;
    const at = 5 * count++;
    scratch.surfaces[at] = u0;
    scratch.surfaces[at + 1] = v0;
    scratch.surfaces[at + 2] = u1;
    scratch.surfaces[at + 3] = v1;
    scratch.surfaces[at + 4] = near;
  }
  return scratch.surfaces.subarray(0, 5 * count);
}
