import type { Peer } from '../collab/presence.ts';
import type { Pose, Presenter } from '../../shared/session/index.ts';

/**
 * How often the presenter's pose is written into the document, and how long after the camera
 * stops the final pose is. The document keeps it for late joiners; followers track the live
 * camera the presenter publishes in awareness (~12 Hz, last value always sent). Writing every
 * pose into the document grew it by ~19 bytes per write for good (10 Hz: the 16 MB cap in a day
 * of presenting).
 */
export const PRESENTER_POSE_INTERVAL_MS = 1000;
export const PRESENTER_POSE_SETTLE_MS = 300;

/** The pose to follow: the presenter's live camera when they are here, else the stored one. */
export function presenterPose(presenter: Presenter, peers: readonly Peer[]): Pose | null {
  if (presenter.clientId === null) return null;
  const live = peers.find((p) => p.clientId === presenter.clientId)?.state.camera;
  return live ?? presenter.pose;
}

/** A value that changes only when the pose does (peers are re-read on every awareness change). */
export function poseKey(pose: Pose | null): string {
  return pose ? `${pose.position.join(',')}|${pose.target.join(',')}` : '';
}
