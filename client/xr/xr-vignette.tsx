import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import type { SmoothMoveState } from './xr-smooth-move.tsx';
import type { XrRig } from './xr-rig.ts';

/** How far in front of the eyes the vignette's plane floats (inside the near content), metres. */
const VIGNETTE_DISTANCE_M = 0.12;
/** Its half-size there: wider than either eye's view at that distance (Quest 3: ~±55°). */
const VIGNETTE_HALF_M = 0.3;
/** Radius (share of the half-size) where the darkening starts and where it is full. */
const CLEAR_RADIUS = 0.35;
const DARK_RADIUS = 0.7;
/** Fade in and out per second: on in about 0.15 s, off in 0.3 s (no sudden tunnel). */
const FADE_IN_PER_S = 7;
const FADE_OUT_PER_S = 3.5;
/** At most this dark at the edge: the periphery is dimmed, not blacked out. */
const MAX_OPACITY = 0.85;

/**
 * A comfort vignette while the rig glides (the left stick's smooth movement, or being moved to a
 * presenter): the edges of the view darken, the centre stays clear. Vection (seeing the world flow
 * past in the periphery while the body stands still) is what makes smooth movement sickening, and
 * narrowing the field of view during it is the standard remedy. A plane held in front of the head
 * each frame with a radial alpha; drawn last, over everything; hidden when not moving. Nothing is
 * allocated per frame.
 */
export function XrVignette({ rig, smooth }: { rig: XrRig; smooth: SmoothMoveState }) {
  const mesh = useMemo(() => {
    const material = new THREE.ShaderMaterial({
      transparent: true,
      depthTest: false,
      depthWrite: false,
      uniforms: { uStrength: { value: 0 } },
      vertexShader: 'varying vec2 vUv; void main() { vUv = uv * 2.0 - 1.0; gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0); }',
      fragmentShader: `varying vec2 vUv; uniform float uStrength;
        void main() { float r = length(vUv); gl_FragColor = vec4(0.0, 0.0, 0.0, uStrength * smoothstep(${CLEAR_RADIUS.toFixed(2)}, ${DARK_RADIUS.toFixed(2)}, r)); }`,
    });
    const m = new THREE.Mesh(new THREE.PlaneGeometry(2 * VIGNETTE_HALF_M, 2 * VIGNETTE_HALF_M), material);
    m.renderOrder = 1000;
    m.frustumCulled = false;
    m.visible = false;
    m.raycast = () => undefined;
    return m;
  }, []);
  useEffect(
    () => () => {
      mesh.geometry.dispose();
      (mesh.material as THREE.Material).dispose();
    },
    [mesh],
  );
  const seen = useMemo(() => ({ frames: smooth.movedFrames }), [smooth]);

  useFrame((_three, delta) => {
    const moving = smooth.movedFrames !== seen.frames || rig.gliding();
    seen.frames = smooth.movedFrames;
    const dt = Math.min(delta, 0.1);
    const target = moving ? 1 : 0;
    const s = smooth.vignette;
    smooth.vignette = target > s ? Math.min(target, s + FADE_IN_PER_S * dt) : Math.max(target, s - FADE_OUT_PER_S * dt);
    (mesh.material as THREE.ShaderMaterial).uniforms.uStrength.value = smooth.vignette * MAX_OPACITY;
    const cam = rig.camera;
    mesh.visible = smooth.vignette > 0 && cam !== null;
    if (!mesh.visible || !cam) return;
    cam.updateWorldMatrix(true, false);
    mesh.position.set(0, 0, -VIGNETTE_DISTANCE_M).applyMatrix4(cam.matrixWorld);
    mesh.quaternion.setFromRotationMatrix(cam.matrixWorld);
  });
  return <primitive object={mesh} />;
}
