import type { Presenter } from '../../shared/session/index.ts';

/**
 * What the scene tells this participant about presenter-follow, and the rules for leaving it:
 * a drag that really moves (not a click on a point), the wheel, or Escape turn following off,
 * but only while someone else presents (otherwise a look around before anyone presents would
 * silently opt out of following the presenter to come).
 */
export type FollowStatus = { kind: 'none' } | { kind: 'presenting' } | { kind: 'following'; name: string } | { kind: 'roaming'; name: string };

/** Pixels a pressed pointer must travel before it counts as orbiting (a click wobbles less). */
export const ROAM_DRAG_PX = 4;

export function followStatus(presenter: Presenter, me: number, presentIds: readonly number[], following: boolean): FollowStatus {
  if (presenter.clientId === null) return { kind: 'none' };
  if (presenter.clientId === me) return { kind: 'presenting' };
  if (!presentIds.includes(presenter.clientId)) return { kind: 'none' };
  const name = presenter.name ?? 'presenter';
  return following ? { kind: 'following', name } : { kind: 'roaming', name };
}

/** True when a pointer pressed at `down` and now at (x, y) with `buttons` held is orbiting or panning. */
export function isRoamDrag(down: { x: number; y: number } | null, x: number, y: number, buttons: number): boolean {
  return down !== null && buttons !== 0 && Math.hypot(x - down.x, y - down.y) > ROAM_DRAG_PX;
}

/** The one-line hint under the scene: viewers get only what a view link can do. */
export function sceneHint(canEdit: boolean): string {
  return canEdit
    ? 'drag to orbit · right-drag to pan · wheel to zoom · shift-drag to lasso · double-click to focus · F to frame'
    : 'view link: drag to look around · wheel to zoom · hover a point for its values · / to search · double-click to focus · follow the presenter';
}

export const VIEWER_SELECT_TOAST = 'View link: only editors can select';
