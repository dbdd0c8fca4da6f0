import { colorsOf, FALLBACK_COLOR, magnitudeOf } from '../../../shared/encodings/channels.ts';
import { constantColors } from '../../../shared/encodings/color-encoding.ts';
import { evaluateFilters } from '../../../shared/encodings/filters.ts';
import type { Legend } from '../../../shared/encodings/legend.ts';
import { withVisibleCounts } from '../../../shared/encodings/legend-visible.ts';
import { constantMagnitude, OPACITY_RANGE, SIZE_RANGE } from '../../../shared/encodings/magnitude-encoding.ts';
import { hexToRgb, SCENE_BACKGROUND, type Rgb } from '../../../shared/encodings/palettes.ts';
import type { PointContext } from '../../../shared/encodings/point-context.ts';
import { positionsFor } from '../../../shared/encodings/positions.ts';
import { DESKTOP_FOV, framePose, HOME_DIRECTION } from '../../../shared/scene/frame-pose.ts';
import { PointFlag } from '../../../shared/scene/flags.ts';
import { DEFAULT_FADED_ALPHA, DEFAULT_MIN_PIXELS, FADED_SIZE_FACTOR, layoutPointSize } from '../../../shared/scene/point-size.ts';
import type { Filter, ViewState } from '../../../shared/session/types.ts';
import { encodePng } from './png.ts';
import { Projector, type ViewCamera } from './projection.ts';
import { RgbaLayer } from './rgba-layer.ts';

/** The largest picture a snapshot is (the brief's bound: at most 1280 × 720). */
export const SNAPSHOT_WIDTH = 1280;
export const SNAPSHOT_HEIGHT = 720;
/** Above this many points an even, deterministic sample is drawn (and the caption says so). */
export const SNAPSHOT_POINT_CAP = 200_000;
/** The anomaly halo's colour, as the shader draws it (point-shaders.ts). */
const ANOMALY_HALO: Rgb = [255, 92, 51];
/** The gap between a noted point and its ring: the scene's background. */
const NOTE_GAP: Rgb = hexToRgb(SCENE_BACKGROUND);
/** The paper the print version is drawn on. */
const PRINT_BACKGROUND: Rgb = [255, 255, 255];
/** How much a lit disc darkens towards its rim, standing in for the scene's sphere shading. */
const RIM_SHADE = 0.35;

/** The analysis as a session shows it: displayed cluster ids, every dataset column loaded. */
export interface SnapshotScene {
  ctx: PointContext;
  /** The analysis' 3D layout, count × 3. */
  embedding: Float32Array;
  knownColumns: ReadonlySet<string>;
}

export interface SnapshotRequest {
  view: ViewState;
  filters: readonly Filter[];
  /** The pose to draw from; null frames the points from the desktop's home direction (see drawSnapshot). */
  camera: Omit<ViewCamera, 'fov'> | null;
  /** Points to mark as pinned notes (a ring in the note's colour), drawn where they show. */
  marks?: readonly { point: number; color: string }[];
  width?: number;
  height?: number;
}

/** A drawn view: its picture, and whether a point shows in it (passes the filters and lies inside the picture). */
export interface DrawnView {
  snapshot: Snapshot;
  shows(point: number): boolean;
}

export interface Snapshot {
  /** The picture on the scene's dark background (screens). */
  png: Uint8Array;
  /** The same picture on white, for print. */
  printPng: Uint8Array;
  width: number;
  height: number;
  legend: Legend;
  /** Points of the analysis, those passing the filters, and those drawn (a sample above the cap, hidden ones left out). */
  pointCount: number;
  passCount: number;
  drawnCount: number;
  /** Above SNAPSHOT_POINT_CAP points: the even sample drawn (`size` of the `of` points); null when all were considered. */
  sample: { size: number; of: number } | null;
}

/**
 * Draws one view of the cloud the way the desktop scene shows it: the view's positions, colour,
 * size and opacity encodings (the client's own code in shared/encodings), its filters (failing
 * points faded grey and small behind the rest, or hidden, per filterMode), the anomaly halo, discs
 * sorted back to front with a radius that follows depth (the shader's pixel rule), on the scene's
 * background. Pure apart from the PNG encoding: data in, picture out.
 */
export function drawSnapshot(scene: SnapshotScene, request: SnapshotRequest): DrawnView {
  const width = Math.min(SNAPSHOT_WIDTH, request.width ?? SNAPSHOT_WIDTH);
  const height = Math.min(SNAPSHOT_HEIGHT, request.height ?? SNAPSHOT_HEIGHT);
  const { ctx } = scene;
  const n = ctx.count;
  const { view } = request;
  const placed = positionsFor(view.position, scene.embedding, ctx);
  const positions = 'positions' in placed ? placed.positions : scene.embedding;
  const filter = evaluateFilters(request.filters, ctx, scene.knownColumns);
  // Every column is loaded here, so "pending" means the dataset lacks the column: the client then draws the fallback too.
  const colorResult = colorsOf(view.color, ctx);
  const colors = 'pending' in colorResult ? constantColors(n, FALLBACK_COLOR) : colorResult;
  const sizeResult = magnitudeOf(view.size, ctx, SIZE_RANGE);
  const sizes = 'pending' in sizeResult ? constantMagnitude(n, 1) : sizeResult;
  const opacityResult = view.opacity.by === 'constant' && view.opacity.value === 1 ? null : magnitudeOf(view.opacity, ctx, OPACITY_RANGE);
  const opacity = opacityResult === null || 'pending' in opacityResult ? null : opacityResult;

  const flags = new Uint8Array(n);
  for (let i = 0; i < n; i++) flags[i] = (filter.passes[i] ? PointFlag.PassesFilter : 0) | (ctx.anomalyFlag[i] ? PointFlag.Anomaly : 0);
  // No pose: every point framed from the home direction (in hide mode, those passing the filters, as nothing else shows).
  const pose = request.camera ?? framePose(positions, n, view.filterMode === 'hide' ? flags : undefined, { fov: DESKTOP_FOV, aspect: width / height, direction: HOME_DIRECTION });
  const projector = new Projector({ ...pose, fov: DESKTOP_FOV }, width, height);
  const pointSize = layoutPointSize(positions, n) * view.pointScale;

  const sample = evenSample(n, SNAPSHOT_POINT_CAP);
  const hide = view.filterMode === 'hide';
  // Screen place of each drawn point; faded ones first (the shader puts them behind everything), then far to near.
  const order: number[] = [];
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  const depth = new Float64Array(n);
  const radius = new Float32Array(n);
  for (const i of sample) {
    const passes = filter.passes[i] === 1;
    if (!passes && hide) continue;
    const p = projector.project(positions[3 * i], positions[3 * i + 1], positions[3 * i + 2]);
    if (!p) continue;
    const worldDiameter = pointSize * sizes[i] * (passes ? 1 : FADED_SIZE_FACTOR);
    const r = Math.max(worldDiameter * p.pxPerUnit, DEFAULT_MIN_PIXELS) * 0.5;
    if (p.x + r < -8 || p.x - r > width + 8 || p.y + r < -8 || p.y - r > height + 8) continue;
    x[i] = p.x;
    y[i] = p.y;
    depth[i] = p.depth;
    radius[i] = r;
    order.push(i);
  }
  order.sort((a, b) => filter.passes[a] - filter.passes[b] || depth[b] - depth[a] || a - b);

  // One drawing on a transparent layer, flattened onto the scene's dark background for the screen
  // and onto white for paper (no ink spent on the sky).
  const layer = new RgbaLayer(width, height);
  for (const i of order) {
    const rgb: Rgb = [colors.rgb[3 * i], colors.rgb[3 * i + 1], colors.rgb[3 * i + 2]];
    if (filter.passes[i] === 0) {
      // The shader's faded look: a grey of the colour's luminance, nearly transparent.
      const grey = Math.round(((0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]) / 255) * 0.35 * 255 + 0.3 * 255);
      layer.disc(x[i], y[i], radius[i], [grey, grey, grey], DEFAULT_FADED_ALPHA);
      continue;
    }
    const r = radius[i];
    if (ctx.anomalyFlag[i]) {
      const ringW = Math.min(7, Math.max(2, r * 0.16));
      const gap = Math.min(3, Math.max(1, r * 0.08));
      layer.ring(x[i], y[i], r + gap, r + gap + ringW * 1.4, ANOMALY_HALO, Math.min(1, Math.max(0.4, r / 4)));
    }
    layer.disc(x[i], y[i], r, rgb, opacity ? Math.max(0, Math.min(1, opacity[i])) : 1, RIM_SHADE);
  }
  // Notes last, over everything: a dark gap, then a ring in the note's colour, as a pin reads in the scene.
  for (const mark of request.marks ?? []) {
    const i = mark.point;
    if (!(i >= 0 && i < n) || filter.passes[i] === 0) continue;
    const p = projector.project(positions[3 * i], positions[3 * i + 1], positions[3 * i + 2]);
    if (!p) continue;
    const r = Math.max(pointSize * sizes[i] * p.pxPerUnit, DEFAULT_MIN_PIXELS) * 0.5;
    const outer = Math.max(r + 7, 9);
    layer.ring(p.x, p.y, outer - 5, outer + 1, NOTE_GAP, 0.85);
    layer.ring(p.x, p.y, outer - 3, outer, hexToRgb(cssHex(mark.color)), 1);
  }
  const snapshot: Snapshot = {
    png: encodePng(layer.flatten(hexToRgb(SCENE_BACKGROUND)), width, height),
    printPng: encodePng(layer.flatten(PRINT_BACKGROUND), width, height),
    width,
    height,
    legend: withVisibleCounts(colors.legend, colors.itemOf, filter.passes, filter.passCount),
    pointCount: n,
    passCount: filter.passCount,
    drawnCount: order.length,
    sample: sample.length < n ? { size: sample.length, of: n } : null,
  };
  const shows = (i: number): boolean => {
    if (!(i >= 0 && i < n) || filter.passes[i] === 0) return false;
    const p = projector.project(positions[3 * i], positions[3 * i + 1], positions[3 * i + 2]);
    return p !== null && p.x >= 0 && p.x <= width && p.y >= 0 && p.y <= height;
  };
  return { snapshot, shows };
}

/** A note's colour as #rrggbb (anything else: white). */
function cssHex(color: string): string {
  return /^#[0-9a-fA-F]{6}$/.test(color) ? color : '#ffffff';
}

/** Point indices 0…n−1, or an even stride of `cap` of them: the same points every time. */
export function evenSample(n: number, cap: number): Uint32Array {
  if (n <= cap) return Uint32Array.from({ length: n }, (_, i) => i);
  return Uint32Array.from({ length: cap }, (_, k) => Math.floor((k * n) / cap));
}
