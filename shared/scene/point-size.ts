/**
 * The on-screen size of a point, mirrored from the vertex shader (point-shaders.ts) so the CPU
 * picker hits exactly what is drawn. Pixels here are CSS pixels; the shader works in device
 * pixels (the same values times the pixel ratio).
 */
import { medianNeighborDistance } from './point-spacing.ts';
import { robustBox } from './robust-box.ts';

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

/** Which neighbour measures local spacing: the 8th, so UMAP's pairs and tiny clumps do not shrink points to dust. */
export const SPACING_NEIGHBOUR = 8;
/** A size-1 point spans this share of the median distance to its 8th neighbour. */
export const SPACING_SHARE = 0.6;
/** Largest base diameter, as a share of the cloud's scale: a small, spread table still reads as points. */
export const MAX_SHARE_OF_SCALE = 1 / 40;
/** Smallest base diameter is this share of the cloud's scale over the cube root of the count. */
export const MIN_SHARE_BY_COUNT = 0.12;

/**
 * Base world diameter of a size-1 point, from the layout itself (the pure rule the desktop scene
 * and the XR shell share; the user's point-size slider multiplies it).
 *
 * - Locally: 0.6 × the median distance to the 8th nearest neighbour (`spacing`). In an evenly
 *   spread cloud that is about the nearest-neighbour distance, so neighbours nearly touch but
 *   do not merge; in a UMAP layout, whose clusters are tight clumps, the 8th neighbour looks
 *   past pairs and near-duplicates that would shrink every point to nothing.
 * - Within limits set by the cloud's scale (`scale`: the largest 2nd–98th percentile span):
 *   never above 1/40 of it (a few hundred rows in a PCA layout would otherwise draw balls that
 *   swallow each other), never below 0.12 / ∛count of it (a dense clump of 10k points stays visible as
 *   points; at 1M this is 0.12 % of the scale, under the 2 px floor anyway).
 */
export function basePointSize(scale: number, count: number, spacing: number): number {
  if (!(scale > 0) || count <= 0) return 0.05;
  const upper = scale * MAX_SHARE_OF_SCALE;
  const lower = Math.min(upper, (scale * MIN_SHARE_BY_COUNT) / Math.cbrt(count));
  const local = Number.isFinite(spacing) && spacing > 0 ? SPACING_SHARE * spacing : upper;
  return Math.min(upper, Math.max(lower, local));
}

/** basePointSize measured from positions: typed array in, world diameter out (for the XR shell too). */
export function layoutPointSize(positions: Float32Array, count: number): number {
  return basePointSize(robustBox(positions, count).size, count, medianNeighborDistance(positions, count, SPACING_NEIGHBOUR));
}
