import { PointFlag } from '../../shared/scene/flags.ts';

export interface BoundingSphere {
  center: [number, number, number];
  radius: number;
}

/**
 * Sphere around the points (only those passing the filter when `onlyPassing`): centred on the
 * bounding box, radius to the farthest point. Points with non-finite coordinates are ignored.
 * An empty set gives the unit sphere at the origin so cameras always have something to frame.
 */
export function boundingSphere(positions: Float32Array, count: number, flags?: Uint8Array, onlyPassing = false): BoundingSphere {
  let minX = Infinity;
  let minY = Infinity;
  let minZ = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let maxZ = -Infinity;
  const use = (i: number) => !onlyPassing || !flags || (flags[i] & PointFlag.PassesFilter) !== 0;
  for (let i = 0; i < count; i++) {
    if (!use(i)) continue;
    const x = positions[i * 3];
    const y = positions[i * 3 + 1];
    const z = positions[i * 3 + 2];
    if (!Number.isFinite(x + y + z)) continue;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
    if (z < minZ) minZ = z;
    if (z > maxZ) maxZ = z;
  }
  if (minX > maxX) return { center: [0, 0, 0], radius: 1 };
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const cz = (minZ + maxZ) / 2;
  let r2 = 0;
  for (let i = 0; i < count; i++) {
    if (!use(i)) continue;
    const dx = positions[i * 3] - cx;
    const dy = positions[i * 3 + 1] - cy;
    const dz = positions[i * 3 + 2] - cz;
    const d2 = dx * dx + dy * dy + dz * dz;
    if (d2 > r2) r2 = d2;
  }
  // A single point (or coincident points) still gets a sphere the camera can frame.
  const radius = Math.sqrt(r2) || Math.max(Math.abs(cx), Math.abs(cy), Math.abs(cz), 1) * 0.1;
  return { center: [cx, cy, cz], radius };
}
