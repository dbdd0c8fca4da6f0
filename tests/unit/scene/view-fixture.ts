import * as THREE from 'three';
import type { ScreenView } from '../../../client/scene/screen-view.ts';

/** A perspective camera at `eye` looking at `target`, as the ScreenView the picker and lasso use. */
export function makeView(eye: THREE.Vector3Tuple, target: THREE.Vector3Tuple, width = 1000, height = 700, fov = 50) {
  const camera = new THREE.PerspectiveCamera(fov, width / height, 0.01, 1000);
  camera.position.set(...eye);
  camera.lookAt(new THREE.Vector3(...target));
  camera.updateMatrixWorld();
  const viewProj = new THREE.Matrix4().multiplyMatrices(camera.projectionMatrix, camera.matrixWorldInverse);
  const inv = viewProj.clone().invert();
  const view: ScreenView = { width, height, viewProj: viewProj.elements, p11: camera.projectionMatrix.elements[5], eye };
  return { view, inv: inv.elements, camera };
}
