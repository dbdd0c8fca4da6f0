import type { Object3D } from 'three';
import type { CardImage } from './card-image.ts';
import type { CardImageRect } from './card-texture.ts';

/** What the right ray (a controller's, or a tracked hand's pinch ray) does now, written by the frame loop and read by tests and the card. */
export class PointerState {
  /** Point under the ray, -1: none. */
  hovered = -1;
  /**
   * The last point the ray was on (kept while the ray moves to the panel: notes are added there).
   * The panel stops the ray in the same frame (panel-hit.ts), so a point behind it never lands here.
   */
  lastPointed = -1;
  /** The point the card shows, and the lines drawn on it (empty while its row loads). */
  cardPoint = -1;
  cardLines: string[] = [];
  /** The card's distance from the eyes and its font size, metres (legibility checks). */
  cardDistance = 0;
  cardTextHeight = 0;
  /** The card's row image: its state, the decoded image's own size, where it was drawn (texture pixels, null: not drawn). */
  cardImage: { state: CardImage['state']; naturalWidth: number; naturalHeight: number; rect: CardImageRect | null } = { state: 'none', naturalWidth: 0, naturalHeight: 0, rect: null };
  /** The canvas the card is drawn on (its texture's source), once the pointer is mounted. */
  cardCanvas: HTMLCanvasElement | null = null;
  /** The A button (selects the pointed point's whole cluster), and how many clusters it toggled. */
  aDown = false;
  clusterToggles = 0;
  /** The ray is on the VR panel or another in-scene UI surface: the trigger clicks it instead of picking. */
  overPanel = false;
  /** The in-scene UI the ray stops at (uikit roots: the panel, the wrist button), registered by their components. */
  readonly surfaces: Object3D[] = [];
  /** Which of them the ray is on now (null: none). */
  surface: Object3D | null = null;
  /** The ray in the world, last frame (origin, unit direction). */
  readonly rayOrigin: [number, number, number] = [0, 0, 0];
  readonly rayDirection: [number, number, number] = [0, 0, -1];
  /** How far the ray reaches as drawn (to the hit, or its idle length), metres; 0 while there is no ray. */
  rayLengthM = 0;
}

/** A ref callback that keeps a uikit root in `state.surfaces` while it is mounted. */
export function surfaceRef(state: PointerState, held: { current: Object3D | null }) {
  return (o: Object3D | null) => {
    const old = held.current;
    const at = old ? state.surfaces.indexOf(old) : -1;
    if (at >= 0) state.surfaces.splice(at, 1);
    held.current = o;
    if (o) state.surfaces.push(o);
  };
}
