import type { PointSceneHandle } from '../scene/types.ts';
import { pointsPose } from '../session/focus-cluster.ts';
import type { ViewDriver } from '../session/view-driver.ts';
import { renderAtSize } from './render-at-size.ts';

/**
 * The desktop camera as the session's view: the orbit camera of <PointScene>, framing with its
 * field of view. `positions` reads the positions the scene draws now (they change with the
 * position encoding and on a re-bind).
 */
export function desktopViewDriver(handle: PointSceneHandle, positions: () => Float32Array): ViewDriver {
  return {
    pose() {
      const { position, target } = handle.getCamera();
      return { position, target };
    },
    setPose: (pose, animate = true) => handle.setCamera({ position: pose.position, target: pose.target }, animate),
    focus: (index, animate = true) => handle.focusPoint(index, animate),
    async frame(points, animate = true) {
      if (points === 'shown') return handle.resetView(animate);
      const pose = pointsPose(positions(), points, handle.getCamera());
      if (pose) await handle.setCamera(pose, animate);
    },
    async picture(width, height) {
      const box = handle.getCanvas()?.closest<HTMLElement>('.scene-area');
      if (!box) throw new Error('The scene is not ready yet.');
      return renderAtSize(handle, box, width, height);
    },
  };
}
