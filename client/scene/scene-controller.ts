import * as THREE from 'three';
import type CameraControlsImpl from 'camera-controls';
import { boundingSphere, type BoundingSphere } from './bounds.ts';
import { CameraDirector } from './camera-director.ts';
import { TRANSITION_MS } from './easing.ts';
import { lassoSelect, lassoSelectAsync } from './lasso.ts';
import { MotionBudget } from './motion-budget.ts';
import { PointBuffers } from './point-buffers.ts';
import { bindViewportUniforms, createPointMaterial, filterModeValue, type PointMaterial } from './point-material.ts';
import type { RayHit } from './pick-ray.ts';
import { PointPicker } from './point-picker.ts';
import { PointFlag } from '../../shared/scene/flags.ts';
import { basePointSize, DEFAULT_MIN_PIXELS, pixelsPerUnit, sphereRadiusPx, SPACING_NEIGHBOUR } from '../../shared/scene/point-size.ts';
import { medianNeighborDistance } from '../../shared/scene/point-spacing.ts';
import { freeRect } from './free-rect.ts';
import type { ScreenBox } from './label-placement.ts';
import { robustBox, type RobustBox } from '../../shared/scene/robust-box.ts';
import { projectToScreen, type ScreenView } from './screen-view.ts';
import type { CameraPose, FilterMode, PickResult, PlacedLabel, PointCloudData, ScreenPoints, TimeLens, Vec3 } from './types.ts';

const PICK_TOLERANCE_PX = 4;
/** How much farther out F starts its move when the camera already frames the points. */
const PULSE_PULL_BACK = 1.15;

/**
 * Everything the scene does outside React: owns the point buffers and material, the picker and
 * the camera director behind PointSceneHandle. React components register the renderer, camera
 * and controls here and forward data; no React state changes per frame or per pointer move.
 */
export class SceneController {
  readonly material: PointMaterial;
  readonly points: THREE.Points;
  readonly director = new CameraDirector();
  buffers: PointBuffers | null = null;
  bounds: BoundingSphere = { center: [0, 0, 0], radius: 1 };
  /** The 2nd–98th percentile box of all target positions: the cloud's scale (size rule, floor grid). */
  box: RobustBox = robustBox(new Float32Array(0), 0);
  /** Median distance to the 8th nearest neighbour of the target positions (point-spacing.ts). */
  private spacing = Infinity;
  filterMode: FilterMode = 'fade';
  pointScale = 1;
  transitionMs = TRANSITION_MS;
  hovered = -1;
  gl: THREE.WebGLRenderer | null = null;
  scene: THREE.Scene | null = null;
  /** Cluster names as placed in the last drawn frame (cluster-labels.tsx writes it). */
  placedLabelsNow: PlacedLabel[] = [];
  /** The boxes the page draws over the canvas (CSS px, y down): framing keeps the points out from under them. */
  overlayBoxes: () => readonly ScreenBox[] = () => [];

  private timeLens: TimeLens | null = null;
  private readonly timeFrame = { moment: 0, window: 0, fade: 0 };
  private readonly picker = new PointPicker();
  private readonly motion = new MotionBudget();
  /** The camera should frame the cloud (first data, new dataset) as soon as controls exist. */
  private needsFit = true;
  private boundsCache: BoundingSphere = { center: [0, 0, 0], radius: 1 };
  private boundsFor: Float32Array | null = null;
  private boxFor: Float32Array | null = null;
  private invalidateFn: () => void = () => {};
  private readonly viewProj = new THREE.Matrix4();
  private readonly invViewProj = new THREE.Matrix4();
  private readonly view: ScreenView = { width: 1, height: 1, viewProj: this.viewProj.elements, p11: 1, eye: [0, 0, 0] };

  constructor(sphereDepth = true) {
    this.material = createPointMaterial(sphereDepth);
    this.points = new THREE.Points(new THREE.BufferGeometry(), this.material);
    this.points.frustumCulled = false;
    // three's Points raycast is a linear scan (8 ms per ray at 1M): picking goes through the index.
    this.points.raycast = () => {};
  }

  get data(): PointCloudData | null {
    return this.buffers?.current ?? null;
  }

  get camera(): THREE.PerspectiveCamera | null {
    return this.director.camera;
  }

  invalidate(): void {
    this.invalidateFn();
  }

  attachRenderer(gl: THREE.WebGLRenderer, scene: THREE.Scene, invalidate: () => void): void {
    this.gl = gl;
    this.scene = scene;
    this.invalidateFn = invalidate;
    this.director.invalidate = invalidate;
    const ctx = gl.getContext();
    const range = ctx.getParameter(ctx.ALIASED_POINT_SIZE_RANGE) as Float32Array | null;
    bindViewportUniforms(this.points, this.material, range ? range[1] : 64);
  }

  registerControls(controls: CameraControlsImpl | null, camera: THREE.PerspectiveCamera): void {
    this.director.controls = controls;
    this.director.camera = camera;
    this.director.fitClip(this.bounds.radius);
    this.fitIfNeeded();
  }

  setData(data: PointCloudData, now: number): void {
    const previous = this.buffers?.current;
    if (!this.buffers || !this.buffers.update(data, now, true)) {
      this.buffers?.dispose();
      this.buffers = new PointBuffers(data);
      this.buffers.duration = this.transitionMs;
      this.points.geometry = this.buffers.geometry;
      this.setHovered(-1);
      this.needsFit = true;
    }
    if (!previous || previous.positions !== data.positions) {
      this.bounds = this.boundsOf(data);
      this.box = this.boxOf(data);
      this.spacing = medianNeighborDistance(data.positions, data.count, SPACING_NEIGHBOUR);
      this.director.fitClip(this.bounds.radius);
      this.picker.rebuild(data);
    }
    this.updatePointSize();
    this.material.uniforms.uT.value = this.buffers.progress(now);
    this.attachTimes();
    this.fitIfNeeded();
    this.invalidate();
  }

  /** Shows the cloud through a timeline (null: every point, as without one). */
  setTimeLens(lens: TimeLens | null): void {
    this.timeLens = lens;
    this.attachTimes();
    this.invalidate();
  }

  /** The lens' per-point times as the aTime attribute, uploaded only when the array is new. */
  private attachTimes(): void {
    const geometry = this.buffers?.geometry;
    const lens = this.timeLens;
    const on = !!geometry && !!lens && lens.times.length === this.buffers!.count;
    this.material.uniforms.uTimeOn.value = on ? 1 : 0;
    if (!on) return;
    const current = geometry.getAttribute('aTime') as THREE.BufferAttribute | undefined;
    if (current?.array !== lens.times) geometry.setAttribute('aTime', new THREE.BufferAttribute(lens.times, 1));
  }

  /** Bounding sphere of all points, computed once per positions array. */
  boundsOf(data: PointCloudData): BoundingSphere {
    if (this.boundsFor !== data.positions) {
      this.boundsCache = boundingSphere(data.positions, data.count);
      this.boundsFor = data.positions;
    }
    return this.boundsCache;
  }

  /** Robust box of all points (robust-box.ts), computed once per positions array. */
  boxOf(data: PointCloudData): RobustBox {
    if (this.boxFor !== data.positions) {
      this.box = robustBox(data.positions, data.count);
      this.boxFor = data.positions;
    }
    return this.box;
  }

  setStyle(filterMode: FilterMode, pointScale: number, transitionMs = TRANSITION_MS): void {
    this.filterMode = filterMode;
    this.pointScale = pointScale;
    this.transitionMs = transitionMs;
    if (this.buffers) this.buffers.duration = transitionMs;
    this.material.uniforms.uFilterMode.value = filterModeValue(filterMode);
    this.updatePointSize();
    this.invalidate();
  }

  /**
   * Most points drawn at any time (Infinity = all): the VR point budget, the first `budget` of
   * the motion budget's seeded shuffled order, drawn whether or not the head moves.
   */
  setPointBudget(budget: number): void {
    this.motion.standing = budget > 0 ? budget : Infinity;
    this.invalidate();
  }

  /** Points drawn now (Infinity = all of them). */
  drawnLimit(): number {
    return this.motion.limit;
  }

  /** Most points drawn while the camera moves (Infinity = always all). */
  setMotionBudget(budget: number): void {
    this.motion.budget = budget > 0 ? budget : Infinity;
    this.invalidate();
  }

  /**
   * Per rendered frame: advances the transition uniform and applies the motion budget.
   * Returns true while another frame is needed (animating, or the full cloud must come back).
   */
  tick(now: number): boolean {
    if (!this.buffers) return false;
    const u = this.material.uniforms;
    u.uT.value = this.buffers.progress(now);
    const cam = this.camera;
    const reduced = cam ? this.motion.update(this.buffers.geometry, this.buffers.count, cam, now) : false;
    let timeMoving = false;
    if (this.timeLens && u.uTimeOn.value === 1) {
      // The timeline's moment is wall-clock based (every participant computes the same one).
      const wall = Date.now();
      this.timeLens.frame(wall, this.timeFrame);
      u.uTimeNow.value = this.timeFrame.moment;
      u.uTimeWindow.value = this.timeFrame.window;
      u.uTimeFade.value = this.timeFrame.fade;
      timeMoving = this.timeLens.moving(wall);
    }
    return this.buffers.animating(now) || reduced || timeMoving;
  }

  setHovered(index: number): void {
    if (index === this.hovered) return;
    this.hovered = index;
    this.material.uniforms.uHovered.value = index;
    this.invalidate();
  }

  isPickReady(): boolean {
    return this.picker.isReady(this.data);
  }

  pick(x: number, y: number): PickResult | null {
    const d = this.data;
    const view = this.screenView();
    if (!d || !view) return null;
    const u = this.material.uniforms;
    const style = { pointSize: u.uPointSize.value, minPixels: u.uMinPixels.value, filterMode: this.filterMode, tolerancePx: PICK_TOLERANCE_PX };
    return this.picker.pickScreen(d, view, this.invViewProj.elements, style, x, y);
  }

  /**
   * The point a world-space ray points at (XR controllers): nearest along the ray within
   * `toleranceRad` of it. Null until the pick index is built. Called every XR frame, so it
   * allocates nothing: a hit is the picker's own object, valid until the next call.
   */
  pickRay(origin: Vec3, direction: Vec3, toleranceRad = 0.012): Readonly<RayHit> | null {
    const d = this.data;
    return d ? this.picker.pickRay(d, origin, direction, this.material.uniforms.uPointSize.value, toleranceRad, this.filterMode, this.motion.rank(), this.motion.limit) : null;
  }

  /**
   * Visits every point passing the filter within `radius` of `centre` (cloud units; the XR volume
   * sweep). False until the pick index is built.
   */
  pointsInSphere(centre: Vec3, radius: number, visit: (point: number) => void): boolean {
    const d = this.data;
    return d ? this.picker.sphere(d, centre, radius, visit) : false;
  }

  lasso(polygon: Float32Array): Uint32Array {
    const d = this.data;
    const view = this.screenView();
    if (!d || !view) return new Uint32Array(0);
    return lassoSelect(d.positions, d.count, d.flags, view, polygon);
  }

  /** lasso() in slices between which input and rendering go on (the pointer path uses this). */
  lassoAsync(polygon: Float32Array): Promise<Uint32Array> {
    const d = this.data;
    const view = this.screenView();
    if (!d || !view) return Promise.resolve(new Uint32Array(0));
    return lassoSelectAsync(d.positions, d.count, d.flags, view, polygon);
  }

  project(index: number): { x: number; y: number } | null {
    const d = this.data;
    const view = this.screenView();
    if (!d || !view || index < 0 || index >= d.count) return null;
    const at = { x: 0, y: 0, w: 0 };
    const p = d.positions;
    return projectToScreen(view, p[index * 3], p[index * 3 + 1], p[index * 3 + 2], at) ? { x: at.x, y: at.y } : null;
  }

  /**
   * Every point as drawn now (at its target position): CSS pixel centre and sphere diameter,
   * NaN where it is behind the camera or hidden by the filter. For tests and measurements.
   */
  projectAll(): ScreenPoints {
    const d = this.data;
    const view = this.screenView();
    const n = d?.count ?? 0;
    const out: ScreenPoints = { x: new Float32Array(n).fill(NaN), y: new Float32Array(n).fill(NaN), diameter: new Float32Array(n).fill(NaN) };
    if (!d || !view) return out;
    const u = this.material.uniforms;
    const at = { x: 0, y: 0, w: 0 };
    const p = d.positions;
    for (let i = 0; i < n; i++) {
      const passes = (d.flags[i] & PointFlag.PassesFilter) !== 0;
      if (!passes && this.filterMode === 'hide') continue;
      if (!projectToScreen(view, p[i * 3], p[i * 3 + 1], p[i * 3 + 2], at)) continue;
      out.x[i] = at.x;
      out.y[i] = at.y;
      out.diameter[i] = 2 * sphereRadiusPx(u.uPointSize.value, d.sizes[i], passes, pixelsPerUnit(view.height, view.p11, at.w), u.uMinPixels.value);
    }
    return out;
  }

  getCamera(): CameraPose {
    return this.director.getPose();
  }

  transitionStart(): number {
    return this.buffers?.transitionStart ?? -Infinity;
  }

  getCameraGoal(): CameraPose {
    return this.director.getPose(true);
  }

  setCamera(pose: CameraPose, animate = true): Promise<void> {
    return this.director.setPose(pose, animate);
  }

  /** Home view framing the bulk of the points that pass the filter into the canvas the page's overlays leave free (frame-pose.ts). */
  async resetView(animate = true): Promise<void> {
    const d = this.data;
    if (!d) return;
    const el = this.gl?.domElement;
    const free = el ? freeRect(el.clientWidth, el.clientHeight, this.overlayBoxes()) : undefined;
    const pose = this.director.homePose(d.positions, d.count, d.flags, free);
    // Already framed (the first view is the home view): the key still answers visibly, easing
    // in to the frame from a little farther out, instead of doing nothing a user can see.
    if (animate && this.director.isNear(pose)) {
      await this.setCamera(this.director.pulledBack(pose, PULSE_PULL_BACK), false);
      // Draw the pulled-back view before easing in: on a slow frame the ease would otherwise
      // cover most of the way before anything is drawn.
      this.invalidate();
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    }
    return this.setCamera(pose, animate);
  }

  focusPoint(index: number, animate = true): Promise<void> {
    const d = this.data;
    if (!d || index < 0 || index >= d.count) return Promise.resolve();
    const p: Vec3 = [d.positions[index * 3], d.positions[index * 3 + 1], d.positions[index * 3 + 2]];
    const pose = this.director.focusPose(p, Math.max(this.bounds.radius * 0.3, this.material.uniforms.uPointSize.value * 40));
    return pose ? this.setCamera(pose, animate) : Promise.resolve();
  }

  /** Renders a frame synchronously as of `now` (performance.now() ms; tests pick a moment of a transition). */
  renderNow(now = performance.now()): void {
    const cam = this.camera;
    if (!this.gl || !this.scene || !cam) throw new Error('scene not ready');
    this.tick(now);
    this.gl.render(this.scene, cam);
  }

  /** Renders a frame now and encodes the canvas (the drawing buffer is only valid in this task). */
  snapshot(type = 'image/png'): Promise<Blob> {
    const gl = this.gl;
    if (!gl) return Promise.reject(new Error('scene not ready'));
    this.renderNow();
    return new Promise((resolve, reject) =>
      gl.domElement.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas could not be encoded'))), type),
    );
  }

  dispose(): void {
    this.picker.dispose();
    this.buffers?.dispose();
    this.material.dispose();
  }

  private screenView(): ScreenView | null {
    const cam = this.camera;
    const gl = this.gl;
    if (!cam || !gl) return null;
    const el = gl.domElement;
    this.viewProj.multiplyMatrices(cam.projectionMatrix, cam.matrixWorldInverse);
    this.invViewProj.copy(this.viewProj).invert();
    const e = cam.matrixWorld.elements;
    this.view.width = el.clientWidth || el.width;
    this.view.height = el.clientHeight || el.height;
    this.view.p11 = cam.projectionMatrix.elements[5];
    this.view.eye = [e[12], e[13], e[14]];
    return this.view;
  }

  private updatePointSize(): void {
    const d = this.data;
    this.material.uniforms.uPointSize.value = basePointSize(this.box.size, d?.count ?? 0, this.spacing) * this.pointScale;
    this.material.uniforms.uMinPixels.value = DEFAULT_MIN_PIXELS;
  }

  private fitIfNeeded(): void {
    if (!this.needsFit || !this.director.controls || !this.data) return;
    this.needsFit = false;
    void this.resetView(false);
  }
}
