import type { Vec3 } from '../../../shared/session/types.ts';

/**
 * A perspective camera as the desktop scene's three.js camera uses it: the eye at `position`
 * looking at `target`, `up` (default +y) as lookAt takes it, `fov` the vertical field of view in
 * degrees, the picture `width` × `height` pixels (aspect = width / height).
 */
export interface ViewCamera {
  position: Vec3;
  target: Vec3;
  up?: Vec3;
  fov: number;
}

/** Where a world point lands: pixel coordinates (y down), its depth along the view axis and the pixels one world unit spans there. */
export interface ScreenPoint {
  x: number;
  y: number;
  depth: number;
  pxPerUnit: number;
}

/** Points nearer than this (the desktop camera's near plane) are not drawn. */
const NEAR = 0.01;

/**
 * Projects world points the way three's PerspectiveCamera after lookAt(target) does: camera
 * axes z from the target to the eye, x = up × z, y = z × x; normalised device coordinates
 * x / (depth · tan(fov/2) · aspect) and y / (depth · tan(fov/2)), mapped to pixels with y down.
 * The pixels per world unit at a depth are the shader's rule (point-shaders.ts):
 * height / 2 · projection[1][1] / w, with projection[1][1] = 1 / tan(fov/2) and w = depth.
 */
export class Projector {
  private readonly x: Vec3;
  private readonly y: Vec3;
  private readonly z: Vec3;
  private readonly tanY: number;
  private readonly tanX: number;

  constructor(
    private readonly camera: ViewCamera,
    readonly width: number,
    readonly height: number,
  ) {
    this.z = unit(sub(camera.position, camera.target), [0, 0, 1]);
    // An up parallel to the view direction leaves x undefined: three then nudges it; we pick +x.
    this.x = unit(cross(camera.up ?? [0, 1, 0], this.z), [1, 0, 0]);
    this.y = cross(this.z, this.x);
    this.tanY = Math.tan((camera.fov * Math.PI) / 360);
    this.tanX = this.tanY * (width / height);
  }

  /** The point's place on the picture, or null when it lies behind the near plane. */
  project(px: number, py: number, pz: number): ScreenPoint | null {
    const [ex, ey, ez] = this.camera.position;
    const rx = px - ex;
    const ry = py - ey;
    const rz = pz - ez;
    const depth = -(rx * this.z[0] + ry * this.z[1] + rz * this.z[2]);
    if (!(depth > NEAR)) return null;
    const cx = rx * this.x[0] + ry * this.x[1] + rz * this.x[2];
    const cy = rx * this.y[0] + ry * this.y[1] + rz * this.y[2];
    const ndcX = cx / (depth * this.tanX);
    const ndcY = cy / (depth * this.tanY);
    return {
      x: ((ndcX + 1) / 2) * this.width,
      y: ((1 - ndcY) / 2) * this.height,
      depth,
      pxPerUnit: (this.height * 0.5) / (this.tanY * depth),
    };
  }
}

function sub(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function unit(v: Vec3, fallback: Vec3): Vec3 {
  const length = Math.hypot(v[0], v[1], v[2]);
  return length > 1e-12 && Number.isFinite(length) ? [v[0] / length, v[1] / length, v[2] / length] : fallback;
}
