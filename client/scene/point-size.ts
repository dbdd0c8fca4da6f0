/**
 * The on-screen size of a point, mirrored from the vertex shader (point-shaders.ts) so the CPU
 * picker hits exactly what is drawn. Pixels here are CSS pixels; the shader works in device
 * pixels (the same values times the pixel ratio).
 */
export const FADED_SIZE_FACTOR = 0.6;
export const HOVER_SIZE_FACTOR = 1.3;
/** Smallest sphere diameter drawn, CSS pixels: far points stay visible. */
export const DEFAULT_MIN_PIXELS = 2;
/** Opacity of points that fail the filter in 'fade' mode. */
export const DEFAULT_FADED_ALPHA = 0.14;

/** Pixels per world unit at clip-space w for a viewport `heightPx` tall (projection element [1][1] = p11). */
export function pixelsPerUnit(heightPx: number, p11: number, clipW: number): number {
  return (heightPx * 0.5 * p11) / Math.max(clipW, 1e-6);
}

/** Radius in pixels of the sphere of a point with size multiplier `size`. */
export function sphereRadiusPx(
  pointSize: number,
  size: number,
  passes: boolean,
  pxPerUnit: number,
  minPixels: number,
): number {
  const s = passes ? size : size * FADED_SIZE_FACTOR;
  return Math.max(pointSize * s * pxPerUnit, minPixels) * 0.5;
}

/**
 * Base world diameter of a size-1 point for a cloud of `count` points spread over a sphere of
 * `radius` whose points lie typically `spacing` apart (median nearest-neighbour distance).
 * The volume rule (shrinking with the cube root of the count, so dense clouds do not turn into
 * a wall) is the upper bound; within it a point spans about three typical spacings, so a tightly
 * packed UMAP cluster reads as a cluster of points, not one blob; and never less than a quarter
 * of the volume rule, so spread-out clouds keep visible spheres.
 */
export function basePointSize(radius: number, count: number, spacing = Infinity): number {
  if (!(radius > 0) || count <= 0) return 0.05;
  const byVolume = (radius * 0.75) / Math.max(Math.cbrt(count), 4);
  return Math.min(byVolume, Math.max(3 * spacing, byVolume / 4));
}
