/**
 * Where the WebXR input profiles (controller and hand models) are served from our own origin, so
 * controllers appear with no internet: @react-three/xr waits for `profilesList.json` and the
 * profile JSON before a controller exists at all, even with models off. The build copies these
 * profiles from @webxr-input-profiles/assets (MIT) into dist/client (build/xr-input-profiles.ts).
 */
export const XR_PROFILES_PATH = '/xr-assets/profiles/';

/**
 * The profiles shipped: the Quest 3/3S controllers, and the library's defaults for every other
 * controller (generic-trigger) and for tracked hands (generic-hand).
 */
export const XR_PROFILE_IDS = ['meta-quest-touch-plus', 'generic-trigger', 'generic-hand'] as const;

/** `baseAssetPath` for createXRStore: an absolute URL ending in `/` on the page's own origin. */
export function xrBaseAssetPath(origin: string): string {
  return new URL(XR_PROFILES_PATH, origin).href;
}

export type ProfilesList = Record<string, { path: string; deprecated?: boolean }>;

/**
 * profilesList.json with only the profiles we ship. The library takes the first of a controller's
 * profile ids found in this list and falls back to generic-trigger only when none is: listing a
 * profile we do not serve (a Quest 2's oculus-touch-v3) would make its controller fail to load.
 */
export function shippedProfilesList(full: ProfilesList, ids: readonly string[] = XR_PROFILE_IDS): ProfilesList {
  const kept: ProfilesList = {};
  for (const id of ids) {
    const entry = full[id];
    if (!entry) throw new Error(`@webxr-input-profiles/assets lists no profile "${id}"`);
    kept[id] = entry;
  }
  return kept;
}
