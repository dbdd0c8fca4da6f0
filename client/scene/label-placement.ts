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
 */
export function placeClusterLabels(requests: readonly LabelRequest[], obstacles: LabelObstacles, options: LabelPlacementOptions): (ScreenBox | null)[] {
  const maxCover = options.maxCover ?? 0.02;
  const gap = options.gap ?? 6;
  const edge = options.edge ?? 4;
  const placed: ScreenBox[] = [...(options.keepOut ?? [])];
  const covered = new Int32Array(obstacles.groupCount.length);
  // A place past a side of the view slides back in (the points it would then cover decide).
  const slide = (b: ScreenBox): ScreenBox | null => {
    const w = b.x1 - b.x0;
    const h = b.y1 - b.y0;
    if (w > options.width - 2 * edge || h > options.height - 2 * edge) return null;
    const x0 = Math.min(Math.max(b.x0, edge), options.width - edge - w);
    const y0 = Math.min(Math.max(b.y0, edge), options.height - edge - h);
    return { x0, y0, x1: x0 + w, y1: y0 + h };
  };
  const clearOfLabels = (b: ScreenBox) => !placed.some((k) => b.x0 < k.x1 + gap && b.x1 > k.x0 - gap && b.y0 < k.y1 + gap && b.y1 > k.y0 - gap);
  const clearOfPoints = (b: ScreenBox) => {
    const { x, y, group, groupCount, groupBox } = obstacles;
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
  };
  return requests.map((r) => {
    for (const candidate of candidates(r, gap)) {
      const box = slide(candidate);
      if (box && clearOfLabels(box) && clearOfPoints(box)) {
        placed.push(box);
        return box;
      }
    }
    return null;
  });
}

/** Places beside a cluster's box, in order of preference: centred above and below, right, left, then corners. */
export function candidates(r: LabelRequest, gap: number): ScreenBox[] {
  const { extent: e, width: w, height: h } = r;
  const cx = (e.x0 + e.x1) / 2;
  const cy = (e.y0 + e.y1) / 2;
  const at = (x0: number, y0: number): ScreenBox => ({ x0, y0, x1: x0 + w, y1: y0 + h });
  const above = e.y0 - gap - h;
  const below = e.y1 + gap;
  const right = e.x1 + gap;
  const left = e.x0 - gap - w;
  return [
    at(cx - w / 2, above),
    at(cx - w / 2, below),
    at(right, cy - h / 2),
    at(left, cy - h / 2),
    at(right, above),
    at(left, above),
    at(right, below),
    at(left, below),
  ];
}
