import * as THREE from 'three';
import type CameraControlsImpl from 'camera-controls';
import { DESKTOP_FOV, framePose, HOME_DIRECTION, type FreeRect } from '../../shared/scene/frame-pose.ts';
import type { CameraPose, Vec3 } from './types.ts';

// Scratch vectors: getPose runs every frame while the camera moves and someone listens.
const eyeScratch = new THREE.Vector3();
const targetScratch = new THREE.Vector3();

/**
 * Camera poses over the orbit controls: read and set poses (animated or at once), the home
 * view that frames the points, the focus pose on a point, and clip planes that follow the
 * cloud's size so depth precision holds at any scale.
 */
export class CameraDirector {
  camera: THREE.PerspectiveCamera | null = null;
  controls: CameraControlsImpl | null = null;
  invalidate: () => void = () => {};

  /** The pose now, or with `goal` the pose an eased move is heading to (the same at rest). */
  getPose(goal = false): CameraPose {
    const c = this.controls;
    const cam = this.camera;
    if (!c || !cam) return { position: [0, 0, 5], target: [0, 0, 0] };
    const p = c.getPosition(eyeScratch, goal);
    const t = c.getTarget(targetScratch, goal);
    return { position: [p.x, p.y, p.z], target: [t.x, t.y, t.z], fov: cam.fov };
  }

  async setPose(pose: CameraPose, animate: boolean): Promise<void> {
    const c = this.controls;
    const cam = this.camera;
    if (!c || !cam) return;
    if (pose.fov !== undefined && pose.fov !== cam.fov) {
      cam.fov = pose.fov;
      cam.updateProjectionMatrix();
    }
    const moved = c.setLookAt(...pose.position, ...pose.target, animate);
    if (!animate) {
      // Apply now, so picks and projections made right after see the new pose.
      c.update(0);
      cam.updateMatrixWorld();
    }
    this.invalidate();
    await moved;
    this.invalidate();
  }

  /**
   * The home view: along the home direction, the bulk of the points filling the view, or the
   * `free` part of it that the page's overlays leave (frame-pose.ts).
   */
  homePose(positions: Float32Array, count: number, flags?: Uint8Array, free?: FreeRect): CameraPose {
    const cam = this.camera;
    return framePose(positions, count, flags, { fov: cam?.fov ?? DESKTOP_FOV, aspect: cam?.aspect ?? 1, direction: HOME_DIRECTION, free });
  }


  /** Whether the camera (where it is heading, if moving) is within 1% of `pose`, relative to its viewing distance. */
  isNear(pose: CameraPose): boolean {
    const now = this.getPose(true);
    const reach = Math.hypot(...pose.position.map((v, i) => v - pose.target[i])) || 1;
    const off = (a: Vec3, b: Vec3) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]) / reach;
    return off(now.position, pose.position) < 0.01 && off(now.target, pose.target) < 0.01;
  }

  /** `pose` moved back along its view direction to `factor` times its viewing distance. */
  pulledBack(pose: CameraPose, factor: number): CameraPose {
    const [p, t] = [pose.position, pose.target];
    return { position: [t[0] + (p[0] - t[0]) * factor, t[1] + (p[1] - t[1]) * factor, t[2] + (p[2] - t[2]) * factor], target: t };
  }

  /** Target on `point`, keeping the view direction, no farther than `distance`. */
  focusPose(point: Vec3, distance: number): CameraPose | null {
    const c = this.controls;
    if (!c) return null;
    const eye = c.getPosition(new THREE.Vector3(), true);
    const dir = eye.sub(c.getTarget(new THREE.Vector3(), true));
    const d = Math.min(dir.length(), distance);
    dir.normalize().multiplyScalar(d).add(new THREE.Vector3(...point));
    return { position: [dir.x, dir.y, dir.z], target: point };
  }

  /** Near / far planes and zoom limits for a cloud of this radius. */
  fitClip(radius: number): void {
    const cam = this.camera;
    if (!cam) return;
    cam.near = radius / 1000;
    cam.far = radius * 200;
    cam.updateProjectionMatrix();
    if (this.controls) {
      this.controls.minDistance = radius / 500;
      this.controls.maxDistance = radius * 40;
    }
  }
}
