import * as THREE from 'three';
import { HOME_RIG, type RigPose, type Vec3 } from './rig-math.ts';
import { glideAt, startGlide, type Glide } from './rig-glide.ts';
import { DEFAULT_SNAP_TURN_DEG } from './snap-turn.ts';

/**
 * The live objects of an immersive session that locomotion, pointing and the view driver share:
 * the rig (XROrigin's group: the floor space in the world), the cloud's group (the cloud's units
 * placed in metres) and the camera the headset moves. Plain fields read in the frame loop.
 */
export class XrRig {
  origin: THREE.Object3D | null = null;
  cloud: THREE.Object3D | null = null;
  camera: THREE.Camera | null = null;
  /** The snap turn's step, degrees (30–45: snap-turn.ts). */
  snapStepDeg: number = DEFAULT_SNAP_TURN_DEG;
  /** The glide under way (following a presenter), stepped each frame by XrGlide. */
  private glide: { g: Glide; done: () => void } | null = null;
  private readonly v = new THREE.Vector3();
  private readonly inverse = new THREE.Matrix4();
  // The glide's per-frame answer, reused (the frame loop allocates nothing).
  private readonly glideAt = { pose: { x: 0, y: 0, z: 0, yaw: 0 }, done: false };

  /** Where the rig stands; into `out` when given (the frame loop's own object), else a new one. */
  pose(out?: RigPose): RigPose {
    const o = this.origin;
    if (!o) return out ? Object.assign(out, HOME_RIG) : HOME_RIG;
    const p = out ?? { x: 0, y: 0, z: 0, yaw: 0 };
    p.x = o.position.x;
    p.y = o.position.y;
    p.z = o.position.z;
    p.yaw = o.rotation.y;
    return p;
  }

  /** Puts the rig at `p` at once (a cut: teleport, snap turn, jumps); a glide under way ends here. */
  setPose(p: RigPose): void {
    const current = this.glide;
    this.glide = null;
    this.place(p);
    current?.done();
  }

  private place(p: RigPose, yaw = p.yaw): void {
    const o = this.origin;
    if (!o) return;
    o.position.set(p.x, p.y, p.z);
    o.rotation.set(0, yaw, 0);
    o.updateMatrixWorld(true);
  }

  /**
   * Glides the rig to `p`'s position (rig-glide.ts: the yaw stays, so the head is never turned);
   * settles when it arrives or when another glide or a jump replaces it.
   */
  glideTo(p: RigPose, now: number): Promise<void> {
    this.glide?.done();
    return new Promise((done) => {
      this.glide = { g: startGlide(this.pose(), p, now), done };
    });
  }

  /** Moves a glide on to `now` (called once per frame). */
  stepGlide(now: number): void {
    const current = this.glide;
    if (!current) return;
    const { pose, done } = glideAt(current.g, now, this.glideAt);
    // The user may have snap-turned meanwhile: keep their yaw, move only the position.
    this.place(pose, this.origin ? this.origin.rotation.y : pose.yaw);
    if (done) {
      this.glide = null;
      current.done();
    }
  }

  /** Whether a glide is under way. */
  gliding(): boolean {
    return this.glide !== null;
  }

  /** The head's world position (the camera the headset moved last frame). */
  head(): [number, number, number] {
    const cam = this.camera;
    if (!cam) return [0, 1.6, 0];
    cam.updateWorldMatrix(true, false);
    const e = cam.matrixWorld.elements;
    return [e[12], e[13], e[14]];
  }

  /** The head's viewing direction in the world, flattened onto the floor and unit length; into `out` when given. */
  flatForward(out: [number, number, number] = [0, 0, -1]): [number, number, number] {
    out[0] = 0;
    out[1] = 0;
    out[2] = -1;
    const cam = this.camera;
    if (!cam) return out;
    cam.updateWorldMatrix(true, false);
    const e = cam.matrixWorld.elements;
    const x = -e[8];
    const z = -e[10];
    const len = Math.hypot(x, z);
    if (len > 1e-6) {
      out[0] = x / len;
      out[2] = z / len;
    }
    return out;
  }

  /** Cloud units → world metres. */
  toWorld(p: Vec3): [number, number, number] {
    const c = this.cloud;
    if (!c) return [p[0], p[1], p[2]];
    c.updateWorldMatrix(true, false);
    this.v.set(p[0], p[1], p[2]).applyMatrix4(c.matrixWorld);
    return [this.v.x, this.v.y, this.v.z];
  }

  /** World metres → cloud units. */
  toCloud(p: Vec3): [number, number, number] {
    const c = this.cloud;
    if (!c) return [p[0], p[1], p[2]];
    c.updateWorldMatrix(true, false);
    this.inverse.copy(c.matrixWorld).invert();
    this.v.set(p[0], p[1], p[2]).applyMatrix4(this.inverse);
    return [this.v.x, this.v.y, this.v.z];
  }

  /** Metres per cloud unit. */
  scale(): number {
    return this.cloud?.scale.x ?? 1;
  }
}
