/** A label's rectangle on screen, pixels (y down). */
export interface ScreenBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Where cluster names go on screen so that they never hide data: beside their cluster, not on
 * it. Pure (screen boxes and projected points in, boxes out) and unit-tested; the frame loop in
 * cluster-labels.tsx feeds it every drawn frame.
 */
export interface LabelRequest {
  /** The cluster's representative point on screen (where the leader line ends). */
  anchor: { x: number; y: number };
  /** Box around the bulk of the cluster's points on screen. */
  extent: ScreenBox;
  /** The label's plate, pixels. */
  width: number;
  height: number;
}

/** Points labels must not cover, on screen, each tagged with its group (cluster). */
export interface LabelObstacles {
  x: Float32Array;
  y: Float32Array;
  /** Group of each point, 0 … groups − 1; negative = not drawn now (behind the camera, filtered out). */
  group: Int32Array;
  /** Points drawn now per group. */
  groupCount: Int32Array;
  /** Screen box per group of its drawn points (x0, y0, x1, y1 per group), for quick rejection. */
  groupBox: Float32Array;
  /** Points in use (arrays may be longer). */
  count: number;
}

export interface LabelPlacementOptions {
  /** The view, pixels: labels stay inside it, `edge` pixels from its sides. */
  width: number;
  height: number;
  /** Most of a group's points a label may cover (default 2%). */
  maxCover?: number;
  /** Pixels kept between a label and its cluster's box or another label (default 6). */
  gap?: number;
  /** Boxes no label may overlap: page elements drawn over the canvas (a legend, a hint line). */
  keepOut?: readonly ScreenBox[];
  edge?: number;
}

/**
 * Places labels, most important first: each takes the first of its candidate places (above its
 * cluster, below, right, left, then the four corners; slid inside the view) that keeps clear of
 * labels already placed, and covers at most `maxCover` of the points of every group. Returns
 * one box per label, or null where no place qualifies: that name is not drawn from this
 * viewpoint (it reappears as the view changes, and the legend always has it).
 * Allocates its answer; the frame loop uses a LabelPlacer, which reuses its own.
 */
export function placeClusterLabels(requests: readonly LabelRequest[], obstacles: LabelObstacles, options: LabelPlacementOptions): (ScreenBox | null)[] {
  const placer = new LabelPlacer();
  placer.place(requests, requests.length, obstacles, options);
  return requests.map((_, i) => (placer.shown[i] ? { ...placer.boxes[i] } : null));
}

/**
 * placeClusterLabels for a frame loop: the same placement, written into buffers kept between
 * calls (boxes[i], valid where shown[i] is 1), so a steady frame allocates nothing. The
 * buffers grow only when the label count does.
 */
export class LabelPlacer {
  /** Each label's plate this call; meaningless where shown[i] is 0. */
  readonly boxes: ScreenBox[] = [];
  shown = new Uint8Array(0);
  private covered = new Int32Array(0);
  private readonly candidate: ScreenBox = { x0: 0, y0: 0, x1: 0, y1: 0 };
  private readonly slid: ScreenBox = { x0: 0, y0: 0, x1: 0, y1: 0 };
  /** Boxes placed so far this call (the first `placedCount` of `boxes`, in placement order). */
  private readonly order: number[] = [];

  place(requests: readonly LabelRequest[], count: number, obstacles: LabelObstacles, options: LabelPlacementOptions): void {
    const maxCover = options.maxCover ?? 0.02;
    const gap = options.gap ?? 6;
    const edge = options.edge ?? 4;
    const keepOut = options.keepOut ?? NO_BOXES;
    this.grow(count, obstacles.groupCount.length);
    this.order.length = 0;
    for (let i = 0; i < count; i++) {
      this.shown[i] = 0;
      const r = requests[i];
      for (let k = 0; k < CANDIDATES; k++) {
        candidateInto(r, gap, k, this.candidate);
        const box = slideInto(this.candidate, options.width, options.height, edge, this.slid);
        if (box && this.clearOfLabels(box, keepOut, gap) && this.clearOfPoints(box, obstacles, maxCover)) {
          copyBox(box, this.boxes[i]);
          this.shown[i] = 1;
          this.order.push(i);
          break;
        }
      }
    }
  }

  private grow(count: number, groups: number): void {
    while (this.boxes.length < count) this.boxes.push({ x0: 0, y0: 0, x1: 0, y1: 0 });
    if (this.shown.length < count) this.shown = new Uint8Array(count);
    if (this.covered.length < groups) this.covered = new Int32Array(groups);
  }

  private clearOfLabels(b: ScreenBox, keepOut: readonly ScreenBox[], gap: number): boolean {
    for (let k = 0; k < keepOut.length; k++) if (near(b, keepOut[k], gap)) return false;
    for (let k = 0; k < this.order.length; k++) if (near(b, this.boxes[this.order[k]], gap)) return false;
    return true;
  }

  private clearOfPoints(b: ScreenBox, obstacles: LabelObstacles, maxCover: number): boolean {
    const { x, y, group, groupCount, groupBox } = obstacles;
    const covered = this.covered;
    covered.fill(0);
    let touched = false;
    for (let g = 0; g < groupCount.length; g++) {
      const hit = groupCount[g] > 0 && b.x0 <= groupBox[4 * g + 2] && b.x1 >= groupBox[4 * g] && b.y0 <= groupBox[4 * g + 3] && b.y1 >= groupBox[4 * g + 1];
      if (hit) touched = true;
      else covered[g] = -1;
    }
    if (!touched) return true;
    for (let i = 0; i < obstacles.count; i++) {
      const g = group[i];
      if (g < 0 || covered[g] < 0) continue;
      if (x[i] >= b.x0 && x[i] <= b.x1 && y[i] >= b.y0 && y[i] <= b.y1 && ++covered[g] > maxCover * groupCount[g]) return false;
    }
    return true;
  }
}

const NO_BOXES: readonly ScreenBox[] = [];

const near = (b: ScreenBox, k: ScreenBox, gap: number) => b.x0 < k.x1 + gap && b.x1 > k.x0 - gap && b.y0 < k.y1 + gap && b.y1 > k.y0 - gap;

function copyBox(from: ScreenBox, to: ScreenBox): void {
  to.x0 = from.x0;
  to.y0 = from.y0;
  to.x1 = from.x1;
  to.y1 = from.y1;
}

/** A place past a side of the view slides back in (the points it would then cover decide); null when it cannot fit. */
function slideInto(b: ScreenBox, width: number, height: number, edge: number, out: ScreenBox): ScreenBox | null {
  const w = b.x1 - b.x0;
  const h = b.y1 - b.y0;
  if (!(w <= width - 2 * edge) || !(h <= height - 2 * edge)) return null;
  out.x0 = Math.min(Math.max(b.x0, edge), width - edge - w);
  out.y0 = Math.min(Math.max(b.y0, edge), height - edge - h);
  out.x1 = out.x0 + w;
  out.y1 = out.y0 + h;
  return out;
}

/** How many places candidateInto knows. */
const CANDIDATES = 8;

/** Places beside a cluster's box, in order of preference: centred above and below, right, left, then corners. */
export function candidates(r: LabelRequest, gap: number): ScreenBox[] {
  const out: ScreenBox[] = [];
  for (let k = 0; k < CANDIDATES; k++) out.push(candidateInto(r, gap, k, { x0: 0, y0: 0, x1: 0, y1: 0 }));
  return out;
}

/** The k-th place of candidates() written into `out` (no allocation). */
function candidateInto(r: LabelRequest, gap: number, k: number, out: ScreenBox): ScreenBox {
  const { extent: e, width: w, height: h } = r;
  const cx = (e.x0 + e.x1) / 2;
  const cy = (e.y0 + e.y1) / 2;
  const above = e.y0 - gap - h;
  const below = e.y1 + gap;
  const right = e.x1 + gap;
  const left = e.x0 - gap - w;
  const x0 = k < 2 ? cx - w / 2 : k === 2 || k === 4 || k === 6 ? right : left;
  const y0 = k === 0 || k === 4 || k === 5 ? above : k === 1 || k === 6 || k === 7 ? below : cy - h / 2;
  out.x0 = x0;
  out.y0 = y0;
  out.x1 = x0 + w;
  out.y1 = y0 + h;
  return out;
}
