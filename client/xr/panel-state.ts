import type { Object3D } from 'three';
import type { FloatPose } from './panel-placement.ts';

export type PanelPlacement = 'float' | 'wrist';

/** The panel's pages, one at a time under its tab row (the panel keeps its height): view settings, insights, the timeline. */
export type PanelPage = 'view' | 'insights' | 'time';

/** Which hand a pointer library event came from (its pointer state is the input source's state), if either. */
export function eventSide(e: { pointerState?: unknown }): 'left' | 'right' | null {
  const side = (e.pointerState as { inputSource?: XRInputSource } | undefined)?.inputSource?.handedness;
  return side === 'left' || side === 'right' ? side : null;
}

/** The VR panel's state outside React: read by test hooks and the console. */
export class PanelState {
  open = true;
  placement: PanelPlacement = 'float';
  page: PanelPage = 'view';
  /** Where the floating panel stands in the rig, placed by the head when it opens (null: to be placed next frame). */
  float: FloatPose | null = null;
  /** Presses on the panel and clicks on its buttons so far (what the tests and the console can check). */
  presses = 0;
  clicks = 0;
  /** The pointer library's rays on the panel now, per hand (its hover: a press is only a click once it has one). */
  readonly pointers = { left: 0, right: 0 };
  /** Each button's object by key ('colour:cluster', 'cluster:2', 'placement', 'wrist-menu'), to aim at in tests. */
  readonly buttons = new Map<string, Object3D>();
  /**
   * What the Insights and Time pages show now, and the pending analysis's line over every page
   * ('' when none), written after each of their renders, for tests and the console.
   */
  readonly shown = { cluster: null as number | null, paragraph: '', answers: [] as string[], moved: '', moment: '', playing: false, alone: false, pending: '' };
}
