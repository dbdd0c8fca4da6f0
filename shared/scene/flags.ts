/**
 * Bits of PointCloudData.flags. The vertex shader decodes the same bits (point-shaders.ts), so
 * these values are part of the GPU contract: change both together.
 */
export const PointFlag = {
  /** Passes every active filter. Points without it fade or hide (filterMode). */
  PassesFilter: 1,
  /** In the shared selection: white ring (a dark gap between it and the sphere). */
  Selected: 2,
  /** Flagged anomalous: red-orange halo outside the sphere. */
  Anomaly: 4,
  /** Matches the current search / highlight: yellow ring. */
  Highlight: 8,
  /** Hovered by another participant: cyan ring. */
  HoveredByOther: 16,
  /**
   * Faded by a lens: a search with matches (the point not among them), or a non-empty selection
   * (the point not in it). Drawn like a filtered-out point in fade mode whatever the filter
   * mode, but never hidden and still pickable.
   */
  Dimmed: 32,
  /**
   * Outside the timeline's window at its last step (not yet, fading or gone): never picked,
   * lassoed or counted. The shader does not read it: it draws time from aTime and the time
   * uniforms, smoothly between steps (point-shaders.ts).
   */
  OutOfTime: 64,
} as const;

export type PointFlagName = keyof typeof PointFlag;

/** True when bit `flag` is set for point i. */
export function hasFlag(flags: Uint8Array, i: number, flag: number): boolean {
  return (flags[i] & flag) !== 0;
}
