import type { CameraPose, FilterMode, PointSceneHandle } from '../scene/types.ts';
import type { LabCloud } from './lab-data.ts';

export interface FrameStats {
  frames: number;
  meanMs: number;
  medianMs: number;
  p95Ms: number;
  fps: number;
}

/** What tests and the render benchmark drive through page.evaluate(). */
export interface SceneLabHooks {
  n: number;
  cloud: LabCloud;
  events: {
    hover: number | null;
    hoverCount: number;
    click: number | null;
    clickCount: number;
    lasso: number[] | null;
    doubleClick: number | null;
  };
  /** Time to generate the cloud, and from then until picking was ready (pick index built), ms. */
  timings: { generateMs: number; pickReadyMs: number };
  /** Resolves once the pick index is built and a frame has been drawn. */
  ready(): Promise<void>;
  nextFrame(): Promise<void>;
  project(index: number): { x: number; y: number } | null;
  pick(x: number, y: number): { index: number | null; ms: number };
  /** Timing of many picks at the given points: per-pick ms figures. */
  pickMany(points: [number, number][]): { hits: number; meanMs: number; medianMs: number; p95Ms: number; maxMs: number };
  lasso(polygon: number[]): { indices: number[]; ms: number };
  /** Frame intervals while the camera orbits (continuous rendering) for `ms` milliseconds. */
  measureFrames(ms: number): Promise<FrameStats>;
  /** Synchronous render + 1-pixel readback (waits for the GPU), `repeats` times. */
  renderTime(repeats: number): { meanMs: number; medianMs: number };
  filterCluster(cluster: number | null): Promise<void>;
  setFilterMode(mode: FilterMode): Promise<void>;
  setTransitionMs(ms: number): Promise<void>;
  /**
   * Moves every point (animated) sideways across the screen by a sixth of the viewing distance;
   * resolves once the transition has started, with its start (performance.now() ms).
   */
  morph(): Promise<{ start: number }>;
  /**
   * Renders a frame as of `now` (performance.now() ms, default the present: pass a later time to
   * see a transition at a chosen point whatever the frame rate) and returns the mean x (CSS px)
   * of the canvas pixels that are not background.
   */
  litCentroidX(now?: number): number;
  getCamera(): CameraPose;
  /** Where an eased camera move ends (equal to getCamera() at rest). */
  getCameraGoal(): CameraPose;
  setCamera(pose: CameraPose): Promise<void>;
  resetView(): Promise<void>;
}

export function frameStats(intervals: number[]): FrameStats {
  const sorted = [...intervals].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(sorted.length, 1);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  return { frames: sorted.length, meanMs: mean, medianMs: q(0.5), p95Ms: q(0.95), fps: mean > 0 ? 1000 / mean : 0 };
}

export const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));

/** Orbits the camera one step around its target (used while measuring frame times). */
export function orbitStep(handle: PointSceneHandle, radians: number): Promise<void> {
  const pose = handle.getCamera();
  const [px, py, pz] = pose.position;
  const [tx, , tz] = pose.target;
  const dx = px - tx;
  const dz = pz - tz;
  const c = Math.cos(radians);
  const s = Math.sin(radians);
  return handle.setCamera({ position: [tx + dx * c - dz * s, py, tz + dx * s + dz * c], target: pose.target }, false);
}
