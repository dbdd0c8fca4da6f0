import type { RobustBox } from '../../shared/scene/robust-box.ts';

/** How far in front of the user (−z of the floor space) the cloud's centre stands, metres. */
export const CLOUD_DISTANCE_M = 1.5;
/** The cloud's bulk (its robust box's largest span) spans this much: arm's reach across. */
export const CLOUD_SIZE_M = 1.0;
/** Its bulk's lowest point sits this high above the floor: a table top, seen from standing or sitting. */
export const CLOUD_BOTTOM_M = 0.7;

/** A uniform scale and offset from the cloud's own units into the floor space, in metres. */
export interface CloudPlacement {
  scale: number;
  position: [number, number, number];
}

/**
 * Where the cloud stands when a user enters VR: its bulk (the 2nd–98th percentile box, so a few
 * outliers do not shrink it) scaled to CLOUD_SIZE_M, centred CLOUD_DISTANCE_M in front of the
 * floor origin (where the headset starts), resting on the floor's up axis at table height. The
 * cloud's y stays up, so the floor grid under it lies flat on the real floor's direction.
 */
export function placeCloud(box: RobustBox): CloudPlacement {
  const scale = box.size > 0 ? CLOUD_SIZE_M / box.size : 1;
  const [cx, , cz] = box.center;
  return {
    scale,
    position: [-cx * scale, CLOUD_BOTTOM_M - box.min[1] * scale, -CLOUD_DISTANCE_M - cz * scale],
  };
}
