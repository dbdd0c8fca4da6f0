import * as THREE from 'three';
import { pointFragmentShader, pointVertexShader } from './point-shaders.ts';
import { DEFAULT_FADED_ALPHA, DEFAULT_MIN_PIXELS } from '../../shared/scene/point-size.ts';
import type { FilterMode } from './types.ts';

export interface PointUniforms {
  [name: string]: THREE.IUniform;
  uT: THREE.IUniform<number>;
  uPointSize: THREE.IUniform<number>;
  uViewportHeight: THREE.IUniform<number>;
  uPixelRatio: THREE.IUniform<number>;
  uMinPixels: THREE.IUniform<number>;
  uMaxPointPx: THREE.IUniform<number>;
  uFilterMode: THREE.IUniform<number>;
  uHovered: THREE.IUniform<number>;
  uFadedAlpha: THREE.IUniform<number>;
  uTimeOn: THREE.IUniform<number>;
  uTimeNow: THREE.IUniform<number>;
  uTimeWindow: THREE.IUniform<number>;
  uTimeFade: THREE.IUniform<number>;
}

export type PointMaterial = THREE.ShaderMaterial & { uniforms: PointUniforms };

/**
 * The one material of the point cloud. `sphereDepth` writes per-fragment depth so that
 * intersecting spheres cut each other like real spheres; it disables early depth rejection,
 * which the render benchmark prices at 1M points.
 */
export function createPointMaterial(sphereDepth = true): PointMaterial {
  const uniforms: PointUniforms = {
    uT: { value: 1 },
    uPointSize: { value: 0.05 },
    uViewportHeight: { value: 1 },
    uPixelRatio: { value: 1 },
    uMinPixels: { value: DEFAULT_MIN_PIXELS },
    uMaxPointPx: { value: 256 },
    uFilterMode: { value: 0 },
    uHovered: { value: -1 },
    uFadedAlpha: { value: DEFAULT_FADED_ALPHA },
    uTimeOn: { value: 0 },
    uTimeNow: { value: 0 },
    uTimeWindow: { value: 0 },
    uTimeFade: { value: 0 },
  };
  const material = new THREE.ShaderMaterial({
    glslVersion: THREE.GLSL3,
    vertexShader: pointVertexShader,
    fragmentShader: pointFragmentShader,
    uniforms,
    defines: sphereDepth ? { SPHERE_DEPTH: '' } : {},
    transparent: false,
    blending: THREE.NormalBlending,
    depthTest: true,
    depthWrite: true,
  });
  // Opaque-pass object that still blends its anti-aliased edges and faded points.
  material.blending = THREE.CustomBlending;
  material.blendSrc = THREE.SrcAlphaFactor;
  material.blendDst = THREE.OneMinusSrcAlphaFactor;
  material.blendSrcAlpha = THREE.OneFactor;
  material.blendDstAlpha = THREE.OneMinusSrcAlphaFactor;
  return material as PointMaterial;
}

export function filterModeValue(mode: FilterMode): number {
  return mode === 'hide' ? 1 : 0;
}

const viewport = new THREE.Vector4();

/**
 * Installs the per-draw update of viewport-dependent uniforms: runs for each eye's camera in
 * WebXR, where the canvas size says nothing about the eye's resolution.
 */
export function bindViewportUniforms(points: THREE.Points, material: PointMaterial, maxPointPx: number): void {
  material.uniforms.uMaxPointPx.value = maxPointPx;
  points.onBeforeRender = (renderer) => {
    renderer.getCurrentViewport(viewport);
    material.uniforms.uViewportHeight.value = viewport.w;
    material.uniforms.uPixelRatio.value = renderer.xr.isPresenting ? 1 : renderer.getPixelRatio();
    // Both eyes may draw with the same material back to back, where three skips the upload.
    material.uniformsNeedUpdate = true;
  };
}
