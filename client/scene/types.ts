/**
 * The data contract of the 3D scene. Whoever computes encodings (colour, size, filters,
 * selection) hands the scene these typed arrays; the scene never reads table columns.
 *
 * Arrays are treated as immutable: to change positions, colours, sizes or flags pass a NEW
 * array (a new reference). The scene compares references to decide what changed and animates
 * position / colour / size changes (~600 ms ease); flag changes apply at once.
 */
import type { CSSProperties } from 'react';

export type Vec3 = [number, number, number];

export interface PointCloudData {
  /** Number of points. Point i is index i in every array below. */
  count: number;
  /** count × 3 world positions (x, y, z). */
  positions: Float32Array;
  /** count × 4 sRGB colour + opacity, 0..255 (normalised in the shader). */
  colors: Uint8Array;
  /** count size multipliers (1 = the base size the scene derives from the cloud's extent). */
  sizes: Float32Array;
  /** count bit sets, see PointFlag. */
  flags: Uint8Array;
}

/** Camera pose: what presenter-follow and bookmarks store. World units, like positions. */
export interface CameraPose {
  position: Vec3;
  target: Vec3;
  /** Vertical field of view in degrees; omitted = keep the current one. */
  fov?: number;
}

export interface ClickModifiers {
  shift: boolean;
  ctrl: boolean;
  alt: boolean;
  meta: boolean;
}

/** Another participant, drawn as a small head with a view direction and a name tag. */
export interface ParticipantAvatar {
  id: string;
  name: string;
  /** CSS colour, e.g. '#ff8800'. */
  color: string;
  position: Vec3;
  /** Where they look (need not be normalised). */
  direction: Vec3;
  /** A headset user's hands or controllers (grip position and orientation). */
  hands?: readonly { position: Vec3; quaternion: readonly [number, number, number, number] }[];
  /** Their pointing rays: origin, and direction scaled to the ray's length. */
  rays?: readonly { origin: Vec3; direction: Vec3 }[];
}

/** A note pinned at a position (usually a point's position). */
export interface AnnotationPin {
  id: string;
  position: Vec3;
  text: string;
  color?: string;
}

/** A cluster's name floating at a representative point, framed in the cluster's colour. */
export interface ClusterLabel {
  id: string;
  /** The point the label stands on. */
  point: number;
  position: Vec3;
  text: string;
  /** CSS colour of the cluster. */
  color: string;
  /** A sample of the cluster's visible points: the name is placed so it covers (almost) none of them. */
  members: Uint32Array;
}

/** Lines from one point to others (e.g. its k nearest neighbours in feature space). */
export interface NeighbourLinks {
  from: number;
  to: ArrayLike<number>;
  color?: string;
}

/**
 * A timeline over the cloud: each point appears when the moment reaches its time and fades
 * out once it is older than the window. The scene reads `frame` every drawn frame and sets four
 * uniforms: nothing is uploaded per frame (`times` is uploaded once per new array).
 */
export interface TimeLens {
  /** count values: each point's time on the lens' own scale; UNDATED for a point without one. */
  times: Float32Array;
  /** Writes the moment, the window (how far back points stay) and the fade length, on the same scale, for wall-clock `nowMs`. */
  frame(nowMs: number, out: { moment: number; window: number; fade: number }): void;
  /** True while the moment moves on its own (playing): the scene keeps drawing frames. */
  moving(nowMs: number): boolean;
}

/** A time no moment reaches: points without a time are never drawn while a lens is on. */
export const UNDATED = 3.0e38;

/** 'fade': points without PointFlag.PassesFilter are drawn grey, small, faint and behind the rest; 'hide': not drawn. */
export type FilterMode = 'fade' | 'hide';

export interface PointSceneProps {
  data: PointCloudData;
  filterMode?: FilterMode;
  /** Multiplies every point's size (default 1). */
  pointScale?: number;
  /**
   * Most points drawn while the camera moves (a fixed random subset); all points come back
   * 180 ms after it stops. Default Infinity (always all): set it for weak GPUs and headsets.
   */
  motionPointBudget?: number;
  /** Duration of position / colour / size transitions in ms (default 600; 0 under prefers-reduced-motion). */
  transitionMs?: number;
  /** Hover moved onto a point (index) or off every point (null); x, y in CSS pixels relative to the canvas. */
  onHover?: (index: number | null, x: number, y: number) => void;
  /** A click without drag. index null = background (e.g. to clear the selection). */
  onClick?: (index: number | null, modifiers: ClickModifiers) => void;
  /** Shift-drag lasso finished: indices of the points (passing the filter) inside the polygon. */
  onLasso?: (indices: Uint32Array, polygon: Float32Array) => void;
  /** Double-click on a point; the scene already animates the camera to focus it. */
  onDoubleClick?: (index: number) => void;
  /** The camera moved (every rendered frame while it moves): throttle before sending it anywhere. */
  onCameraChange?: (pose: CameraPose) => void;
  avatars?: readonly ParticipantAvatar[];
  pins?: readonly AnnotationPin[];
  links?: readonly NeighbourLinks[];
  clusterLabels?: readonly ClusterLabel[];
  /** Show the cloud through a timeline (points appear at their time and fade out past the window). */
  timeLens?: TimeLens | null;
  /**
   * Boxes on the canvas (CSS px, y down) where page elements cover the scene, such as a legend
   * or a hint line: cluster names are never placed under them, and the home view (first view,
   * F) frames the points into the part of the canvas they leave free. Called every drawn frame.
   */
  labelKeepOut?: () => readonly { x0: number; y0: number; x1: number; y1: number }[];
  /** Draw the floor grid and axes (default true). */
  showGrid?: boolean;
  /** CSS background colour of the scene. */
  background?: string;
  /** 'demand' (default) renders only when something changes; 'always' renders every frame. */
  frameloop?: 'always' | 'demand';
  /** Keyboard fly (WASD + QE) listens on window while true (default true). */
  keyboard?: boolean;
  className?: string;
  style?: CSSProperties;
}

/** Points as drawn on the canvas: CSS pixel centre and sphere diameter per point (NaN: not drawn in view). */
export interface ScreenPoints {
  x: Float32Array;
  y: Float32Array;
  diameter: Float32Array;
}

/** A cluster name as placed on the canvas this frame (CSS pixels, y down). */
export interface PlacedLabel {
  id: string;
  text: string;
  /** The plate; meaningless while not shown. */
  box: { x0: number; y0: number; x1: number; y1: number };
  /** Drawn from this viewpoint (false: no free place that covers no points). */
  shown: boolean;
}

/** Result of a screen-space pick. */
export interface PickResult {
  index: number;
  /** Distance from the cursor to the point's centre, CSS pixels. */
  distancePx: number;
}

/** Imperative API of <PointScene ref={…}>. */
export interface PointSceneHandle {
  getCamera(): CameraPose;
  /** When the latest data transition started (performance.now() ms; -Infinity after a jump). */
  transitionStart(): number;
  /** The pose an eased camera move is heading to; the current pose when the camera rests. */
  getCameraGoal(): CameraPose;
  /** Moves the camera; with animate the move eases and the promise settles when it ends. */
  setCamera(pose: CameraPose, animate?: boolean): Promise<void>;
  /** Home view: frames the bulk (2nd–98th percentiles) of the points that pass the filter (all if none pass), from above and to the side. */
  resetView(animate?: boolean): Promise<void>;
  /** Moves the orbit target onto point `index` and closes in on it. */
  focusPoint(index: number, animate?: boolean): Promise<void>;
  /** Front-most point under (x, y) CSS pixels of the canvas, or null; same rule as hover. */
  pick(x: number, y: number): PickResult | null;
  /** Points passing the filter whose projection falls inside polygon (x0, y0, x1, y1, … CSS pixels). */
  lasso(polygon: Float32Array): Uint32Array;
  /** CSS-pixel position of point `index` on the canvas (at its target position), or null if behind the camera. */
  project(index: number): { x: number; y: number } | null;
  /** Every point's CSS pixel centre and drawn diameter (measurements and tests). */
  projectAll(): ScreenPoints;
  /** Where the cluster names were placed in the last drawn frame. */
  placedLabels(): PlacedLabel[];
  /** True once the pick index for the current positions is built (hover works before via a slower path). */
  isPickReady(): boolean;
  /** The canvas element (snapshots: canvas.toBlob after a rendered frame). */
  getCanvas(): HTMLCanvasElement | null;
  /** Forces one frame to render (frameloop 'demand'). */
  invalidate(): void;
  /**
   * Renders one frame synchronously (benchmarks; then read pixels in the same task). `now`
   * (performance.now() ms, default the present) is the moment transitions are drawn at.
   */
  renderNow(now?: number): void;
  /** Renders a frame and encodes the canvas (default PNG): the "snapshot" export. */
  snapshot(type?: string): Promise<Blob>;
}
