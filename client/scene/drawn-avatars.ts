import type { AvatarPose } from './pose-interpolation.ts';

/**
 * What the page's scene drew for each other participant in its last frame (after interpolation),
 * by avatar id: read by the page's test hooks (`window.__mirage.avatars()`) and the console. The
 * scene writes into the pose it already holds, so keeping this costs no allocation per frame.
 */
export const drawnAvatars = new Map<string, { name: string; color: string; pose: AvatarPose }>();
