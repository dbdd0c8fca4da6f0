import * as THREE from 'three';
import type { ScreenBox } from './label-placement.ts';
import { LabelPlacer, type LabelObstacles, type LabelPlacementOptions, type LabelRequest } from './label-placement.ts';
import { ROBUST_TAIL } from '../../shared/scene/robust-box.ts';
import type { ClusterLabel, PlacedLabel } from './types.ts';

/** A name's height as a share of the cloud's scale on screen, and its limits as shares of the view's height. */
const HEIGHT_OF_SCALE = 0.032;
const MIN_HEIGHT_OF_VIEW = 0.02;
const MAX_HEIGHT_OF_VIEW = 0.034;
/** Leader lines are drawn only when the name sits this far (pixels) from its anchor point. */
const LEADER_MIN_PX = 10;

const v = new THREE.Vector3();
const NO_BOXES: readonly ScreenBox[] = [];
const at: Projected = { x: 0, y: 0, z: 0, w: 0 };

/**
 * One frame of cluster-name layout, outside React (cluster-labels.tsx calls update() in its
 * frame loop): project each label's member sample and anchor, size the plates, ask
 * label-placement.ts where they go, then move the sprites and leader lines there. Every
 * buffer (scratch arrays, requests, placed labels, their boxes) is kept between frames and
 * grows only when the labels do, so a steady frame allocates nothing: `placed` is the same
 * array of the same objects every frame, rewritten in place.
 */
export class ClusterLabelFrame {
  readonly placed: PlacedLabel[] = [];
  private readonly requests: LabelRequest[] = [];
  private anchorDepth = new Float64Array(0);
  private readonly anchor: Projected = { x: 0, y: 0, z: 0, w: 0 };
  private readonly placer = new LabelPlacer();
  private readonly options: LabelPlacementOptions = { width: 0, height: 0 };
  private obstacles: LabelObstacles = { x: new Float32Array(0), y: new Float32Array(0), group: new Int32Array(0), groupCount: new Int32Array(0), groupBox: new Float32Array(0), count: 0 };
  private xs = new Float32Array(0);
  private ys = new Float32Array(0);
  private linePositions = new Float32Array(0);
  private lineColors = new Float32Array(0);
  /** Each label's colour as r, g, b, parsed once per label set (THREE.Color.set parses CSS strings with regular expressions). */
  private colours = new Float32Array(0);
  private colouredFor: readonly ClusterLabel[] | null = null;

  update(
    labels: readonly ClusterLabel[],
    sprites: THREE.Sprite[],
    lines: THREE.LineSegments,
    positions: Float32Array,
    camera: THREE.PerspectiveCamera,
    width: number,
    height: number,
    cloudScale: number,
    keepOut: readonly ScreenBox[] = NO_BOXES,
  ): void {
    const n = Math.min(labels.length, sprites.length);
    this.ensure(labels, n);
    this.bind(lines);
    const o = this.obstacles;
    o.count = 0;
    o.groupCount.fill(0);
    const requests = this.requests;
    const anchorDepth = this.anchorDepth;
    const anchor = this.anchor;
    const p11 = camera.projectionMatrix.elements[5];
    // World units per pixel of a constant-size sprite: sprite scale s spans s × p11 × height / 2 pixels.
    const spriteUnitsPerPx = 2 / (p11 * height);
    for (let li = 0; li < n; li++) {
      const label = labels[li];
      // Project the members: obstacles for every label, extent of this cluster.
      let k = 0;
      let bx0 = Infinity;
      let by0 = Infinity;
      let bx1 = -Infinity;
      let by1 = -Infinity;
      const members = label.members;
      for (let m = 0; m < members.length; m++) {
        const i = members[m];
        const slot = o.count++;
        if (!project(positions, i, camera, width, height, at)) {
          o.group[slot] = -1;
          continue;
        }
        o.x[slot] = at.x;
        o.y[slot] = at.y;
        o.group[slot] = li;
        this.xs[k] = at.x;
        this.ys[k] = at.y;
        k++;
        bx0 = Math.min(bx0, at.x);
        by0 = Math.min(by0, at.y);
        bx1 = Math.max(bx1, at.x);
        by1 = Math.max(by1, at.y);
      }
      o.groupCount[li] = k;
      o.groupBox[4 * li] = bx0;
      o.groupBox[4 * li + 1] = by0;
      o.groupBox[4 * li + 2] = bx1;
      o.groupBox[4 * li + 3] = by1;
      const r = requests[li];
      const anchorShown = project(positions, label.point, camera, width, height, anchor);
      anchorDepth[li] = anchorShown ? anchor.z : NaN;
      const sprite = sprites[li];
      const aspect = sprite.scale.x / Math.max(sprite.scale.y, 1e-9);
      r.anchor.x = anchor.x;
      r.anchor.y = anchor.y;
      if (!anchorShown || k === 0) {
        // No place fits an infinite plate: this name is not drawn from here.
        r.width = Infinity;
        r.height = Infinity;
        continue;
      }
      // The name follows the cloud's size on screen (closer: larger), within limits.
      const pxPerUnit = (p11 * height) / 2 / Math.max(anchor.w, 1e-9);
      const h = Math.min(MAX_HEIGHT_OF_VIEW * height, Math.max(MIN_HEIGHT_OF_VIEW * height, HEIGHT_OF_SCALE * cloudScale * pxPerUnit));
      robustExtent(this.xs, this.ys, k, r.extent);
      r.width = h * aspect;
      r.height = h;
    }
    const placer = this.placer;
    const options = this.options;
    options.width = width;
    options.height = height;
    options.keepOut = keepOut;
    placer.place(requests, n, o, options);
    this.linePositions.fill(0);
    for (let li = 0; li < n; li++) {
      const sprite = sprites[li];
      const shown = placer.shown[li] === 1;
      const box = placer.boxes[li];
      const label = labels[li];
      const out = this.placed[li];
      sprite.visible = shown;
      out.id = label.id;
      out.text = label.text;
      out.shown = shown;
      out.box.x0 = shown ? box.x0 : 0;
      out.box.y0 = shown ? box.y0 : 0;
      out.box.x1 = shown ? box.x1 : 0;
      out.box.y1 = shown ? box.y1 : 0;
      if (!shown) continue;
      const r = requests[li];
      const z = anchorDepth[li];
      // The sprite sits at the anchor's depth, under the plate's centre; constant size on screen.
      unproject((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2, z, camera, width, height, sprite.position);
      sprite.center.set(0.5, 0.5);
      sprite.scale.set(r.width * spriteUnitsPerPx, r.height * spriteUnitsPerPx, 1);
      // Leader line: from the plate's edge nearest the anchor to the anchor.
      const ex = Math.min(Math.max(r.anchor.x, box.x0), box.x1);
      const ey = Math.min(Math.max(r.anchor.y, box.y0), box.y1);
      if (Math.hypot(ex - r.anchor.x, ey - r.anchor.y) < LEADER_MIN_PX) continue;
      unproject(ex, ey, z, camera, width, height, v);
      writeVector(this.linePositions, li * 6, v);
      unproject(r.anchor.x, r.anchor.y, z, camera, width, height, v);
      writeVector(this.linePositions, li * 6 + 3, v);
      for (let c = 0; c < 3; c++) {
        this.lineColors[li * 6 + c] = this.colours[3 * li + c];
        this.lineColors[li * 6 + 3 + c] = this.colours[3 * li + c];
      }
    }
    const g = lines.geometry;
    (g.getAttribute('position') as THREE.BufferAttribute).needsUpdate = true;
    (g.getAttribute('color') as THREE.BufferAttribute).needsUpdate = true;
    g.setDrawRange(0, 2 * n);
  }

  /** Scratch arrays big enough for these labels (reallocated only when they grow). */
  private ensure(labels: readonly ClusterLabel[], n: number): void {
    let members = 0;
    let most = 0;
    for (let i = 0; i < n; i++) {
      members += labels[i].members.length;
      most = Math.max(most, labels[i].members.length);
    }
    const o = this.obstacles;
    if (o.x.length < members) {
      o.x = new Float32Array(members);
      o.y = new Float32Array(members);
      o.group = new Int32Array(members);
    }
    if (o.groupCount.length !== n) {
      o.groupCount = new Int32Array(n);
      o.groupBox = new Float32Array(4 * n);
    }
    if (this.xs.length < most) {
      this.xs = new Float32Array(most);
      this.ys = new Float32Array(most);
    }
    while (this.requests.length < n) this.requests.push({ anchor: { x: 0, y: 0 }, extent: { x0: 0, y0: 0, x1: 0, y1: 0 }, width: 0, height: 0 });
    while (this.placed.length < n) this.placed.push({ id: '', text: '', box: { x0: 0, y0: 0, x1: 0, y1: 0 }, shown: false });
    this.placed.length = n;
    if (this.anchorDepth.length < n) this.anchorDepth = new Float64Array(n);
    if (this.colouredFor !== labels || this.colours.length < 3 * n) {
      this.colours = new Float32Array(3 * n);
      const colour = new THREE.Color();
      for (let i = 0; i < n; i++) colour.set(labels[i].color).toArray(this.colours, 3 * i);
      this.colouredFor = labels;
    }
    if (this.linePositions.length < 6 * n) {
      this.linePositions = new Float32Array(6 * n);
      this.lineColors = new Float32Array(6 * n);
    }
  }

  /** Attaches this frame's line buffers to `lines` when they were reallocated. */
  bind(lines: THREE.LineSegments): void {
    const g = lines.geometry;
    if ((g.getAttribute('position') as THREE.BufferAttribute | undefined)?.array !== this.linePositions) {
      g.setAttribute('position', new THREE.BufferAttribute(this.linePositions, 3));
      g.setAttribute('color', new THREE.BufferAttribute(this.lineColors, 3));
    }
  }
}

interface Projected {
  x: number;
  y: number;
  /** NDC depth. */
  z: number;
  /** View depth. */
  w: number;
}

/** Screen pixel (y down), NDC depth and view depth of point i into `out`; false behind the camera or outside the depth range. */
function project(positions: Float32Array, i: number, camera: THREE.PerspectiveCamera, width: number, height: number, out: Projected): boolean {
  v.set(positions[3 * i], positions[3 * i + 1], positions[3 * i + 2]);
  const w = -v.applyMatrix4(camera.matrixWorldInverse).z;
  v.applyMatrix4(camera.projectionMatrix);
  if (!(w > 0) || v.z < -1 || v.z > 1) return false;
  out.x = ((v.x + 1) / 2) * width;
  out.y = ((1 - v.y) / 2) * height;
  out.z = v.z;
  out.w = w;
  return true;
}

/** The world point at screen pixel (x, y) and NDC depth z. */
function unproject(x: number, y: number, z: number, camera: THREE.PerspectiveCamera, width: number, height: number, out: THREE.Vector3): void {
  out.set((x / width) * 2 - 1, 1 - (y / height) * 2, z).unproject(camera);
}

/** The 2nd–98th percentile box of the first n projected points into `out` (reorders the scratch arrays it is given). */
export function robustExtent(xs: Float32Array, ys: Float32Array, n: number, out: ScreenBox): void {
  const lo = Math.floor(ROBUST_TAIL * (n - 1));
  const hi = Math.ceil((1 - ROBUST_TAIL) * (n - 1));
  out.x0 = select(xs, n, lo);
  out.x1 = select(xs, n, hi);
  out.y0 = select(ys, n, lo);
  out.y1 = select(ys, n, hi);
}

/**
 * The k-th smallest of a[0..n) (Hoare's selection, in place): the percentile without sorting
 * a view of the scratch array (subarray() would allocate a view every frame).
 */
export function select(a: Float32Array, n: number, k: number): number {
  let left = 0;
  let right = n - 1;
  while (left < right) {
    const pivot = a[(left + right) >> 1];
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return a[k];
}

function writeVector(into: Float32Array, at: number, v: THREE.Vector3): void {
  into[at] = v.x;
  into[at + 1] = v.y;
  into[at + 2] = v.z;
}


