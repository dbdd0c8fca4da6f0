import { createXRStore, type XRStore } from '@react-three/xr';
import { xrBaseAssetPath } from '../../shared/xr-assets.ts';
import { chooseFrameRate } from './frame-rate.ts';

/**
 * Foveation 0.3 of 1: three's default is the maximum, which blurs the edges of each eye enough
 * to smear the card's text when it is not straight ahead; a light setting keeps most of the fill
 * rate saved on the periphery.
 */
export const XR_FOVEATION = 0.3;
/**
 * Framebuffer scale 1 (the headset's recommended resolution), not the maximum the device allows:
 * supersampling multiplies the fill cost of every point sprite, and the points are already
 * anti-aliased in their shader.
 */
export const XR_FRAMEBUFFER_SCALE = 1;

/**
 * The XR store of one page. Controller and hand models come from our own server (offline rooms;
 * the store waits for the profile JSON before a controller exists at all), the library's
 * emulator stays off (tests load IWER themselves), and no session is offered on load: the user
 * enters with the page's button.
 */
/**
 * The panel's press-and-release counts as a click when both land on the same button, however
 * long it was held: the pointer library's 300 ms default drops the slow pinches of tracked hands
 * (a deliberate pinch is often longer) and any press whose release falls on a frame that came
 * late. Its buttons have no long-press meaning, so nothing is lost.
 */
const PANEL_RAY = { clickThresholdMs: 5_000 };

export function createMirageXrStore(origin: string): XRStore {
  return createXRStore({
    emulate: false,
    offerSession: false,
    baseAssetPath: xrBaseAssetPath(origin),
    frameRate: chooseFrameRate,
    foveation: XR_FOVEATION,
    frameBufferScaling: XR_FRAMEBUFFER_SCALE,
    // Our own ray pick (pick-ray.ts through the kd-tree) replaces the library's pointer rays,
    // which raycast the scene graph: the points opt out of that. The right one stays for the VR
    // panel (uikit answers the library's pointer events): it hits the panel and nothing else.
    controller: { left: { rayPointer: false, grabPointer: false, teleportPointer: false }, right: { rayPointer: PANEL_RAY, grabPointer: false, teleportPointer: false } },
    // Tracked hands: each hand's pinch ray presses the panel (the left one too: its X button is
    // gone, and a panel on the left wrist is pressed by the right). Points are ours (xr-pointer,
    // xr-hands), so no other library pointer may act: no index-tip touch or grab pointer (they
    // would press the panel a second way when a finger passes through it), no teleport.
    hand: { rayPointer: PANEL_RAY, grabPointer: false, touchPointer: false, teleportPointer: false },
    transientPointer: false,
    gaze: false,
    screenInput: false,
  });
}
