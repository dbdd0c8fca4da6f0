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
 * and hidden where name-layout.ts says (too close, out of sight, over another name). World
 * objects outside the cloud's group, so a grabbed or scaled cloud does not shrink the text.
 */
export function XrClusterNames({ labels, rig, state }: { labels: readonly ClusterLabel[]; rig: XrRig; state: ClusterNamesState }) {
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

  const scratch = useMemo(() => ({ p: new THREE.Vector3(), head: new THREE.Vector3(), toHead: new THREE.Matrix4() }), []);
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
    layout.update(view, built.aspect);
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
