import type { CameraPose } from '../scene/index.ts';
import type { SessionModel } from './session-model.ts';

/**
 * Framing a group never comes closer than this share of the whole cloud's radius: a tight group
 * (a few search matches, a tiny cluster) otherwise fills the screen with a few giant spheres and
 * loses every landmark around it.
 */
export const MIN_FRAME_FRACTION = 0.08;

/**
 * A camera pose that frames one cluster's points from the current viewing direction: centred
 * on their mean, far enough back for the farthest member to fit the field of view (and for a
 * little of the cloud around a tight group). Null when the cluster has no points.
 */
export function clusterPose(positions: Float32Array, labels: Int32Array, clusterId: number, current: CameraPose): CameraPose | null {
  const cloudRadius = radiusAround(positions, labels.length);
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
  const distance = (Math.max(radius, cloudRadius * MIN_FRAME_FRACTION, 1e-3) / Math.sin(halfFov)) * 1.15;
  return {
    position: [cx + (dx / length) * distance, cy + (dy / length) * distance, cz + (dz / length) * distance],
    target: [cx, cy, cz],
    fov: current.fov,
  };
}

/** Largest distance of the first `count` points from their mean. */
function radiusAround(positions: Float32Array, count: number): number {
  let [mx, my, mz] = [0, 0, 0];
  for (let i = 0; i < count; i++) {
    mx += positions[3 * i];
    my += positions[3 * i + 1];
    mz += positions[3 * i + 2];
  }
  [mx, my, mz] = [mx / Math.max(count, 1), my / Math.max(count, 1), mz / Math.max(count, 1)];
  let r = 0;
  for (let i = 0; i < count; i++) r = Math.max(r, Math.hypot(positions[3 * i] - mx, positions[3 * i + 1] - my, positions[3 * i + 2] - mz));
  return r;
}

/**
 * A camera pose that frames the given points (indices) like a cluster: the points as a
 * one-cluster labelling of the whole cloud, so the tight-group rule still sees every point.
 */
export function pointsPose(positions: Float32Array, points: ArrayLike<number>, current: CameraPose): CameraPose | null {
  const members = new Int32Array(Math.floor(positions.length / 3));
  for (let i = 0; i < points.length; i++) members[points[i]] = 1;
  return clusterPose(positions, members, 1, current);
}

/** The points of cluster `clusterId` under `labels`. */
export function clusterMembers(labels: Int32Array, clusterId: number): Uint32Array {
  let n = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === clusterId) n++;
  const out = new Uint32Array(n);
  for (let i = 0, k = 0; i < labels.length; i++) if (labels[i] === clusterId) out[k++] = i;
  return out;
}

/** Flies this participant's view to a cluster (local: the view is not shared state). */
export function focusCluster(model: SessionModel, clusterId: number): void {
  const members = clusterMembers(model.ctx.cluster, clusterId);
  if (members.length > 0) void model.view.current?.frame(members, true);
}
