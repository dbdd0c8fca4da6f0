import { useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import * as THREE from 'three';
import { LabelSprite } from './label-sprite.tsx';
import { ClusterLabelFrame } from './cluster-label-frame.ts';
import type { ScreenBox } from './label-placement.ts';
import type { SceneController } from './scene-controller.ts';
import type { ClusterLabel } from './types.ts';

/** Longest name drawn in the scene; the full name shows on hover and in the legend. */
export const SCENE_NAME_CHARS = 32;

/**
 * Cluster names beside their clusters, never on them: each frame cluster-label-frame.ts
 * projects a sample of every labelled cluster, places each name above, below or beside its
 * cluster where it covers none of the points (or does not draw it), sizes it with the
 * cloud's size on screen within limits, and draws a thin leader line to the cluster.
 */
export interface ClusterLabelsProps {
  labels: readonly ClusterLabel[];
  controller: SceneController;
  /** The cloud's scale (robust box size): names grow and shrink with it on screen. */
  scale: number;
  /** Canvas boxes covered by page elements, re-read every frame (names keep out of them). */
  keepOut?: () => readonly ScreenBox[];
}

export function ClusterLabels({ labels, controller, scale, keepOut }: ClusterLabelsProps) {
  const group = useRef<THREE.Group>(null);
  const frame = useMemo(() => new ClusterLabelFrame(), []);
  const lines = useMemo(() => {
    const g = new THREE.BufferGeometry();
    const m = new THREE.LineBasicMaterial({ vertexColors: true, transparent: true, opacity: 0.75, depthTest: false, depthWrite: false, toneMapped: false });
    const l = new THREE.LineSegments(g, m);
    l.renderOrder = 9;
    l.frustumCulled = false;
    l.raycast = () => {};
    return l;
  }, []);
  useFrame(({ camera, size }) => {
    const sprites = group.current?.children as THREE.Sprite[] | undefined;
    const data = controller.data;
    if (!sprites || !data) return;
    frame.update(labels, sprites, lines, data.positions, camera as THREE.PerspectiveCamera, size.width, size.height, scale, keepOut?.());
    controller.placedLabelsNow = frame.placed;
  });
  return (
    <>
      <group name="cluster-labels" ref={group}>
        {labels.map((l) => (
          <LabelSprite key={l.id} text={l.text} accent={l.color} maxChars={SCENE_NAME_CHARS} position={l.position} />
        ))}
      </group>
      <primitive object={lines} />
    </>
  );
}
