/**
 * The camera as seen from the screen: what picking, lasso and projection need, as plain
 * numbers (so they run in tests and workers without a renderer). Pixels are CSS pixels with
 * the origin at the canvas's top-left corner.
 */
export interface ScreenView {
  width: number;
  height: number;
  /** projection × view, column-major (THREE.Matrix4.elements). */
  viewProj: ArrayLike<number>;
  /** projection[1][1]: pixels per world unit at depth w are height / 2 · p11 / w. */
  p11: number;
  /** Camera position in world space (origin of pick rays; perspective cameras). */
  eye: readonly [number, number, number];
}

/** Screen position of a world point and its clip w (view depth), or null when not in front of the camera. */
export function projectToScreen(
  view: ScreenView,
  x: number,
  y: number,
  z: number,
  out: { x: number; y: number; w: number },
): boolean {
  const m = view.viewProj;
  const cw = m[3] * x + m[7] * y + m[11] * z + m[15];
  if (!(cw > 1e-9)) return false;
  const cz = m[2] * x + m[6] * y + m[10] * z + m[14];
  if (cz < -cw || cz > cw) return false;
  const cx = m[0] * x + m[4] * y + m[8] * z + m[12];
  const cy = m[1] * x + m[5] * y + m[9] * z + m[13];
  out.x = (cx / cw * 0.5 + 0.5) * view.width;
  out.y = (0.5 - cy / cw * 0.5) * view.height;
  out.w = cw;
  return true;
}

/** Unit direction of the ray from the eye through screen pixel (x, y), given the inverse of viewProj. */
export function rayThroughPixel(
  view: ScreenView,
  invViewProj: ArrayLike<number>,
  x: number,
  y: number,
): [number, number, number] {
  const nx = (x / view.width) * 2 - 1;
  const ny = 1 - (y / view.height) * 2;
  const m = invViewProj;
  // A point on the far half of the frustum along the pixel; its direction from the eye is the ray.
  const w = m[3] * nx + m[7] * ny + m[11] * 0.5 + m[15];
  const px = (m[0] * nx + m[4] * ny + m[8] * 0.5 + m[12]) / w;
  const py = (m[1] * nx + m[5] * ny + m[9] * 0.5 + m[13]) / w;
  const pz = (m[2] * nx + m[6] * ny + m[10] * 0.5 + m[14]) / w;
  const dx = px - view.eye[0];
  const dy = py - view.eye[1];
  const dz = pz - view.eye[2];
  const len = Math.hypot(dx, dy, dz) || 1;
  return [dx / len, dy / len, dz / len];
}
