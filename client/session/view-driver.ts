import type { Pose } from '../../shared/session/index.ts';

/**
 * What session code may ask of "the view", whichever shell owns it: the desktop camera (orbit
 * controls on a canvas) or the XR rig (a headset the user moves; a rig we may move under it).
 * Everything is in the cloud's world units, never in screen pixels, so panels, presenter-follow
 * and bookmarks work the same in both shells. A shell sets `SessionModel.view.current` while its
 * view is mounted.
 */
export interface ViewDriver {
  /** Where this participant looks from and at, now (bookmarks, saved view state, presence). */
  pose(): Pose;
  /**
   * Moves the view to `pose` (following the presenter, going to a bookmark or a participant).
   * With animate the move eases and the promise settles when it ends. An XR rig moves the user's
   * place and never turns their head for them.
   */
  setPose(pose: Pose, animate?: boolean): Promise<void>;
  /** Brings point `index` close and into view (search, anomalies, notes, neighbours). */
  focus(index: number, animate?: boolean): Promise<void>;
  /**
   * Fits these points into view (a cluster, search matches), keeping the viewing direction;
   * 'shown' frames the bulk of the points that pass the filter (the home view).
   */
  frame(points: ArrayLike<number> | 'shown', animate?: boolean): Promise<void>;
  /**
   * The view rendered at width × height pixels (the snapshot export); absent where the shell
   * cannot render one on demand (a headset's view).
   */
  picture?(width: number, height: number): Promise<ImageBitmap>;
}
