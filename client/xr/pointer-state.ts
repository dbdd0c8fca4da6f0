/** What the right controller's ray does now, written by the frame loop and read by tests and the card. */
export class PointerState {
  /** Point under the ray, -1: none. */
  hovered = -1;
  /** The last point the ray was on (kept while the ray moves to the panel: notes are added there). */
  lastPointed = -1;
  /** The point the card shows, and the lines drawn on it (empty while its row loads). */
  cardPoint = -1;
  cardLines: string[] = [];
  /** The card's distance from the eyes and its font size, metres (legibility checks). */
  cardDistance = 0;
  cardTextHeight = 0;
  /** The A button (selects the pointed point's whole cluster), and how many clusters it toggled. */
  aDown = false;
  clusterToggles = 0;
  /** The ray is on the VR panel (written by the panel): the trigger clicks it instead of picking. */
  overPanel = false;
  /** The ray in the world, last frame (origin, unit direction). */
  readonly rayOrigin: [number, number, number] = [0, 0, 0];
  readonly rayDirection: [number, number, number] = [0, 0, -1];
  /** How far the ray reaches as drawn (to the hit, or its idle length), metres; 0 while there is no ray. */
  rayLengthM = 0;
}
