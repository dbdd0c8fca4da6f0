/**
 * The XR rig (the floor space's place in the world: what XROrigin holds) as plain numbers. The
 * user walks inside the floor space; locomotion moves the rig under them. Yaw only: the rig
 * never tilts or rolls, and nothing here turns the user's head for them.
 */
export interface RigPose {
  x: number;
  y: number;
  z: number;
  /** Radians about world +y. */
  yaw: number;
}

export type Vec3 = readonly [number, number, number];

export const HOME_RIG: RigPose = { x: 0, y: 0, z: 0, yaw: 0 };

/**
 * Turns the rig by `step` radians about the head's vertical axis: the head stays where it is in
 * the world (a snap turn that swung the user around the rig's origin would also move them).
 */
export function snapTurn(rig: RigPose, head: Vec3, step: number): RigPose {
  const c = Math.cos(step);
  const s = Math.sin(step);
  const dx = rig.x - head[0];
  const dz = rig.z - head[2];
  // Rotation about +y: x' = x cos + z sin, z' = −x sin + z cos (three's convention).
  return { x: head[0] + dx * c + dz * s, y: rig.y, z: head[2] - dx * s + dz * c, yaw: rig.yaw + step };
}

/** Moves the rig so that the head comes to `target` (all three axes), keeping the rig's yaw. */
export function moveHeadTo(rig: RigPose, head: Vec3, target: Vec3): RigPose {
  return { x: rig.x + target[0] - head[0], y: rig.y + target[1] - head[1], z: rig.z + target[2] - head[2], yaw: rig.yaw };
}

/** A teleport: the user's feet (the head over the floor) land on `floorPoint`; their height over the floor stays. */
export function teleportTo(rig: RigPose, head: Vec3, floorPoint: Vec3): RigPose {
  return { x: rig.x + floorPoint[0] - head[0], y: floorPoint[1], z: rig.z + floorPoint[2] - head[2], yaw: rig.yaw };
}

/** Launch speed (m/s) and gravity of the teleport arc: lands about 7 m away at a 45° aim from 1 m up. */
export const ARC_SPEED = 8;
export const ARC_GRAVITY = 9.81;
/** Farthest teleport, metres along the floor: past this a small aim change jumps too far. */
export const ARC_MAX_RANGE = 10;

/**
 * Where a thrown arc from `origin` along unit `direction` lands on the horizontal floor at
 * `floorY` (the ballistic parabola of the teleport pointer), or null when it lands farther than
 * ARC_MAX_RANGE or never comes down (origin below the floor). Written into `out` (the aiming
 * frame loop passes its own) and returned.
 */
export function arcFloorHit(origin: Vec3, direction: Vec3, floorY = 0, speed = ARC_SPEED, gravity = ARC_GRAVITY, out: [number, number, number] = [0, 0, 0]): [number, number, number] | null {
  const h = origin[1] - floorY;
  if (h < 0) return null;
  const vy = direction[1] * speed;
  // h + vy t − g t² / 2 = 0, the later root.
  const t = (vy + Math.sqrt(vy * vy + 2 * gravity * h)) / gravity;
  const x = origin[0] + direction[0] * speed * t;
  const z = origin[2] + direction[2] * speed * t;
  if (Math.hypot(x - origin[0], z - origin[2]) > ARC_MAX_RANGE) return null;
  out[0] = x;
  out[1] = floorY;
  out[2] = z;
  return out;
}

/** Points of the arc for drawing it (writes `count` x, y, z triples into `out`), up to the landing point. */
export function arcPoints(origin: Vec3, direction: Vec3, landing: Vec3, out: Float32Array, count: number, speed = ARC_SPEED, gravity = ARC_GRAVITY): void {
  const dx = direction[0] * speed;
  const dz = direction[2] * speed;
  const horizontal = Math.hypot(landing[0] - origin[0], landing[2] - origin[2]);
  const flat = Math.hypot(dx, dz);
  const tEnd = flat > 1e-6 ? horizontal / flat : 0;
  for (let i = 0; i < count; i++) {
    const t = (tEnd * i) / (count - 1);
    out[i * 3] = origin[0] + dx * t;
    out[i * 3 + 1] = origin[1] + direction[1] * speed * t - (gravity * t * t) / 2;
    out[i * 3 + 2] = origin[2] + dz * t;
  }
}
