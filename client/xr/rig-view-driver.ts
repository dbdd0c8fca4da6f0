import { boundingSphere } from '../scene/bounds.ts';
import type { ViewDriver } from '../session/view-driver.ts';
import { HOME_RIG, moveHeadTo } from './rig-math.ts';
import type { XrRig } from './xr-rig.ts';

/** A focused point is brought this far in front of the eyes (metres): within reach, not in the face. */
export const FOCUS_DISTANCE_M = 0.5;

/**
 * The XR rig as the session's view. Moves are instant (a cut), except an animated setPose, which
 * is how presenter-follow moves us: that one glides, short and speed-bounded (rig-glide.ts), so
 * the follower sees where they are taken. Only the rig moves; the head's direction stays the user's.
 */
export function rigViewDriver(rig: XrRig, positions: () => Float32Array): ViewDriver {
  const moveTo = (target: [number, number, number]) => rig.setPose(moveHeadTo(rig.pose(), rig.head(), target));
  const inFront = (centre: [number, number, number], distance: number): [number, number, number] => {
    const f = rig.flatForward();
    return [centre[0] - f[0] * distance, centre[1], centre[2] - f[2] * distance];
  };
  return {
    pose() {
      const head = rig.head();
      const f = rig.flatForward();
      return { position: rig.toCloud(head), target: rig.toCloud([head[0] + f[0], head[1] + f[1], head[2] + f[2]]) };
    },
    async setPose(pose, animate) {
      const target = moveHeadTo(rig.pose(), rig.head(), rig.toWorld(pose.position));
      if (animate) await rig.glideTo(target, performance.now());
      else rig.setPose(target);
    },
    async focus(index) {
      const p = positions();
      if (index < 0 || index * 3 + 2 >= p.length) return;
      moveTo(inFront(rig.toWorld([p[index * 3], p[index * 3 + 1], p[index * 3 + 2]]), FOCUS_DISTANCE_M));
    },
    async frame(points) {
      if (points === 'shown') {
        rig.setPose(HOME_RIG);
        return;
      }
      const p = positions();
      const subset = new Float32Array(points.length * 3);
      for (let k = 0; k < points.length; k++) subset.set(p.subarray(points[k] * 3, points[k] * 3 + 3), k * 3);
      if (points.length === 0) return;
      const sphere = boundingSphere(subset, points.length);
      // Far enough back that the points' sphere spans about 60° of view.
      const distance = Math.max(FOCUS_DISTANCE_M, sphere.radius * rig.scale() * 1.8);
      moveTo(inFront(rig.toWorld(sphere.center), distance));
    },
  };
}
