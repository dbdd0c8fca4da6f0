import type { Object3D } from 'three';

export type PanelPlacement = 'float' | 'wrist';

/** The VR panel's state outside React: read by test hooks and the console. */
export class PanelState {
  open = true;
  placement: PanelPlacement = 'float';
  /** Presses on the panel and clicks on its buttons so far (what the tests and the console can check). */
  presses = 0;
  clicks = 0;
  /** Each button's object by key ('colour:cluster', 'cluster:2', 'placement'), to aim at in tests. */
  readonly buttons = new Map<string, Object3D>();
}
