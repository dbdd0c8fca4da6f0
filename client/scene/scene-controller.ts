import * as THREE from 'three';
import type CameraControlsImpl from 'camera-controls';
import { boundingSphere, type BoundingSphere } from './bounds.ts';
import { lassoSelect } from './lasso.ts';
import { MotionBudget } from './motion-budget.ts';
import type { PickIndex } from './pick-index.ts';
import { buildPickIndexAsync } from './pick-index-builder.ts';
import { pickRay } from './pick-ray.ts';
import { maxOf, pickScreen } from './pick-screen.ts';
import { PointBuffers } from './point-buffers.ts';
import { TRANSITION_MS } from './easing.ts';
import { bindViewportUniforms, createPointMaterial, filterModeValue, type PointMaterial } from './point-material.ts';
import { basePointSize, DEFAULT_MIN_PIXELS } from './point-size.ts';
import { projectToScreen, type ScreenView } from './screen-view.ts';
import type { CameraPose, FilterMode, PickResult, PointCloudData, Vec3 } from './types.ts';

/** Direction (from the target) of the default view: a little above and to the side, like a museum visitor. */
const HOME_DIRECTION = new THREE.Vector3(0.55, 0.38, 1).normalize();
const PICK_TOLERANCE_PX = 4;

/**
 * Everything the scene does outside React: owns the point buffers and material, the pick
 * index, and the camera operations behind PointSceneHandle. React components register the
 * renderer, camera and controls here and forward data; no React state changes per frame or
 * per pointer move.
 */
export class SceneController {
  readonly material: PointMaterial;
  readonly points: THREE.Points;
  buffers: PointBuffers | null = null;
  bounds: BoundingSphere = { center: [0, 0, 0], radius: 1 };
  filterMode: FilterMode = 'fade';
  pointScale = 1;
  transitionMs = TRANSITION_MS;
  hovered = -1;
  private readonly motion = new MotionBudget();

  gl: THREE.WebGLRenderer | null = null;
  scene: THREE.Scene | null = null;
  camera: THREE.PerspectiveCamera | null = null;
  controls: CameraControlsImpl | null = null;
  invalidate: () => void = () => {};
  /** Called when the camera should frame the cloud (first data, new dataset) once controls exist. */
  private needsFit = true;

  private pickIndex: PickIndex | null = null;
  private pickFor: Float32Array | null = null;
  private pending: { cancel(): void } | null = null;
  private boundsCache: BoundingSphere = { center: [0, 0, 0], radius: 1 };
  private boundsFor: Float32Array | null = null;
  private maxSize = 1;
  private maxSizeFor: Float32Array | null = null;
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

  attachRenderer(gl: THREE.WebGLRenderer): void {
    this.gl = gl;
    const ctx = gl.getContext();
    const range = ctx.getParameter(ctx.ALIASED_POINT_SIZE_RANGE) as Float32Array | null;
    bindViewportUniforms(this.points, this.material, range ? range[1] : 64);
  }

  setData(data: PointCloudData, now: number): void {
    const previous = this.buffers?.current;
    if (!this.buffers || !this.buffers.update(data, now, true)) {
      this.buffers?.dispose();
      this.buffers = new PointBuffers(data);
      this.buffers.duration = this.transitionMs;
      this.points.geometry = this.buffers.geometry;
      this.hovered = -1;
      this.material.uniforms.uHovered.value = -1;
      this.needsFit = true;
    }
    if (!previous || previous.positions !== data.positions) {
      this.bounds = this.boundsOf(data);
      this.updateClipPlanes();
      this.rebuildPickIndex(data);
    }
    this.updatePointSize();
    this.material.uniforms.uT.value = this.buffers.progress(now);
    this.fitIfNeeded();
    this.invalidate();
  }

  /** Bounding sphere of all points, computed once per positions array. */
  boundsOf(data: PointCloudData): BoundingSphere {
    if (this.boundsFor !== data.positions) {
      this.boundsCache = boundingSphere(data.positions, data.count);
      this.boundsFor = data.positions;
    }
    return this.boundsCache;
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
   * Per rendered frame: advances the transition uniform and applies the motion budget.
   * Returns true while another frame is needed (animating, or the full cloud must come back).
   */
  tick(now: number): boolean {
    if (!this.buffers) return false;
    this.material.uniforms.uT.value = this.buffers.progress(now);
    const reduced = this.camera ? this.motion.update(this.buffers.geometry, this.buffers.count, this.camera, now) : false;
    return this.buffers.animating(now) || reduced;
  }

  /** Most points drawn while the camera moves (Infinity = always all). */
  setMotionBudget(budget: number): void {
    this.motion.budget = budget > 0 ? budget : Infinity;
    this.invalidate();
  }

  registerControls(controls: CameraControlsImpl | null, camera: THREE.PerspectiveCamera): void {
    this.controls = controls;
    this.camera = camera;
    this.updateClipPlanes();
    this.fitIfNeeded();
  }

  setHovered(index: number): void {
    if (index === this.hovered) return;
    this.hovered = index;
    this.material.uniforms.uHovered.value = index;
    this.invalidate();
  }

  isPickReady(): boolean {
    const d = this.data;
    return d !== null && this.pickIndex !== null && this.pickFor === d.positions;
  }

  pick(x: number, y: number): PickResult | null {
    const d = this.data;
    const index = this.pickIndex;
    if (!d || !index || index.count !== d.count) return null;
    const view = this.screenView();
    if (!view) return null;
    return pickScreen(index, d.sizes, d.flags, view, this.invViewProj.elements, {
      pointSize: this.material.uniforms.uPointSize.value,
      minPixels: this.material.uniforms.uMinPixels.value,
      filterMode: this.filterMode,
      tolerancePx: PICK_TOLERANCE_PX,
      maxSize: this.maxSizeOf(d),
    }, x, y);
  }

  /**
   * The point a world-space ray points at (XR controllers): nearest along the ray within
   * `toleranceRad` of it. Null until the pick index is built.
   */
  pickRay(origin: Vec3, direction: Vec3, toleranceRad = 0.012): { index: number; distance: number } | null {
    const d = this.data;
    const index = this.pickIndex;
    if (!d || !index || index.count !== d.count) return null;
    const len = Math.hypot(...direction) || 1;
    return pickRay(index, d.sizes, d.flags, origin, [direction[0] / len, direction[1] / len, direction[2] / len], {
      pointSize: this.material.uniforms.uPointSize.value,
      maxSize: this.maxSizeOf(d),
      toleranceRad,
      filterMode: this.filterMode,
    });
  }

  lasso(polygon: Float32Array): Uint32Array {
    const d = this.data;
    const view = this.screenView();
    if (!d || !view) return new Uint32Array(0);
    return lassoSelect(d.positions, d.count, d.flags, view, polygon);
  }

  project(index: number): { x: number; y: number } | null {
    const d = this.data;
    const view = this.screenView();
    if (!d || !view || index < 0 || index >= d.count) return null;
    const at = { x: 0, y: 0, w: 0 };
    const p = d.positions;
    return projectToScreen(view, p[index * 3], p[index * 3 + 1], p[index * 3 + 2], at) ? { x: at.x, y: at.y } : null;
  }

  private maxSizeOf(d: PointCloudData): number {
    if (this.maxSizeFor !== d.sizes) {
      this.maxSize = maxOf(d.sizes);
      this.maxSizeFor = d.sizes;
    }
    return this.maxSize;
  }

  getCamera(): CameraPose {
    const c = this.controls;
    const cam = this.camera;
    if (!c || !cam) return { position: [0, 0, 5], target: [0, 0, 0] };
    const p = c.getPosition(new THREE.Vector3(), false);
    const t = c.getTarget(new THREE.Vector3(), false);
    return { position: [p.x, p.y, p.z], target: [t.x, t.y, t.z], fov: cam.fov };
  }

  async setCamera(pose: CameraPose, animate = true): Promise<void> {
    const c = this.controls;
    const cam = this.camera;
    if (!c || !cam) return;
    if (pose.fov !== undefined && pose.fov !== cam.fov) {
      cam.fov = pose.fov;
      cam.updateProjectionMatrix();
    }
    const [px, py, pz] = pose.position;
    const [tx, ty, tz] = pose.target;
    const moved = c.setLookAt(px, py, pz, tx, ty, tz, animate);
    if (!animate) {
      // Apply now, so picks and projections made right after see the new pose.
      c.update(0);
      cam.updateMatrixWorld();
    }
    this.invalidate();
    await moved;
    this.invalidate();
  }

  /** Home view framing the points that pass the filter. */
  resetView(animate = true): Promise<void> {
    const d = this.data;
    const sphere = d ? boundingSphere(d.positions, d.count, d.flags, true) : this.bounds;
    return this.setCamera(this.homePose(sphere), animate);
  }

  focusPoint(index: number, animate = true): Promise<void> {
    const d = this.data;
    const c = this.controls;
    if (!d || !c || index < 0 || index >= d.count) return Promise.resolve();
    const p = new THREE.Vector3().fromArray(d.positions, index * 3);
    const eye = c.getPosition(new THREE.Vector3(), true);
    const target = c.getTarget(new THREE.Vector3(), true);
    const dir = eye.sub(target);
    const distance = Math.min(dir.length(), Math.max(this.bounds.radius * 0.3, this.material.uniforms.uPointSize.value * 40));
    dir.normalize().multiplyScalar(distance).add(p);
    return this.setCamera({ position: [dir.x, dir.y, dir.z], target: [p.x, p.y, p.z] }, animate);
  }

  renderNow(): void {
    if (!this.gl || !this.scene || !this.camera) throw new Error('scene not ready');
    this.tick(performance.now());
    this.gl.render(this.scene, this.camera);
  }

  /** Renders a frame now and encodes the canvas (the drawing buffer is only valid in this task). */
  snapshot(type = 'image/png'): Promise<Blob> {
    const gl = this.gl;
    if (!gl || !this.scene || !this.camera) return Promise.reject(new Error('scene not ready'));
    this.renderNow();
    return new Promise((resolve, reject) =>
      gl.domElement.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas could not be encoded'))), type),
    );
  }

  dispose(): void {
    this.pending?.cancel();
    this.buffers?.dispose();
    this.material.dispose();
  }

  homePose(sphere: BoundingSphere): CameraPose {
    const cam = this.camera;
    const fov = THREE.MathUtils.degToRad(cam?.fov ?? 50);
    const aspect = cam?.aspect ?? 1;
    const half = Math.min(fov / 2, Math.atan(Math.tan(fov / 2) * aspect));
    const distance = (sphere.radius / Math.sin(half)) * 1.02;
    const [cx, cy, cz] = sphere.center;
    const eye: Vec3 = [cx + HOME_DIRECTION.x * distance, cy + HOME_DIRECTION.y * distance, cz + HOME_DIRECTION.z * distance];
    return { position: eye, target: [cx, cy, cz] };
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

  private rebuildPickIndex(data: PointCloudData): void {
    this.pending?.cancel();
    if (this.pickIndex && this.pickIndex.count !== data.count) this.pickIndex = null;
    const positions = data.positions;
    const job = buildPickIndexAsync(positions, data.count);
    this.pending = job;
    job.promise.then(
      (index) => {
        if (this.data?.positions !== positions) return;
        this.pickIndex = index;
        this.pickFor = positions;
        this.pending = null;
      },
      (err: unknown) => console.error(err),
    );
  }

  private updatePointSize(): void {
    const d = this.data;
    this.material.uniforms.uPointSize.value = basePointSize(this.bounds.radius, d?.count ?? 0) * this.pointScale;
    this.material.uniforms.uMinPixels.value = DEFAULT_MIN_PIXELS;
  }

  private updateClipPlanes(): void {
    const cam = this.camera;
    if (!cam) return;
    const r = this.bounds.radius;
    cam.near = r / 1000;
    cam.far = r * 200;
    cam.updateProjectionMatrix();
    if (this.controls) {
      this.controls.minDistance = r / 500;
      this.controls.maxDistance = r * 40;
    }
  }

  private fitIfNeeded(): void {
    if (!this.needsFit || !this.controls || !this.data) return;
    this.needsFit = false;
    void this.setCamera(this.homePose(this.bounds), false);
  }
}
