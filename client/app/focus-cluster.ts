import type { CameraPose } from '../scene/index.ts';
import type { SessionModel } from './session-model.ts';

/**
 * A camera pose that frames one cluster's points from the current viewing direction: centred
 * on their mean, far enough back for the farthest member to fit the field of view. Null when
 * the cluster has no points.
 */
export function clusterPose(positions: Float32Array, labels: Int32Array, clusterId: number, current: CameraPose): CameraPose | null {
  let n = 0;
  let cx = 0;
  let cy = 0;
  let cz = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== clusterId) continue;
    n++;
    cx += positions[3 * i];
    cy += positions[3 * i + 1];
    cz += positions[3 * i + 2];
  }
  if (n === 0) return null;
  cx /= n;
  cy /= n;
  cz /= n;
  let radius = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== clusterId) continue;
    radius = Math.max(radius, Math.hypot(positions[3 * i] - cx, positions[3 * i + 1] - cy, positions[3 * i + 2] - cz));
  }
  const dx = current.position[0] - current.target[0];
  const dy = current.position[1] - current.target[1];
  const dz = current.position[2] - current.target[2];
  const length = Math.hypot(dx, dy, dz) || 1;
  const halfFov = (((current.fov ?? 50) / 2) * Math.PI) / 180;
  const distance = (Math.max(radius, 1e-3) / Math.sin(halfFov)) * 1.15;
  return {
    position: [cx + (dx / length) * distance, cy + (dy / length) * distance, cz + (dz / length) * distance],
    target: [cx, cy, cz],
    fov: current.fov,
  };
}

/** Flies this participant's camera to a cluster (local: the camera is not shared state). */
export function focusCluster(model: SessionModel, positions: Float32Array, clusterId: number): void {
  const scene = model.scene.current;
  if (!scene) return;
  const pose = clusterPose(positions, model.ctx.cluster, clusterId, scene.getCamera());
  if (pose) void scene.setCamera(pose, true);
}
