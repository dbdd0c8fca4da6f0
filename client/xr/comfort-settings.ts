import type { PanelPlacement } from './panel-state.ts';
import { DEFAULT_SMOOTH_SPEED, SMOOTH_SPEEDS } from './smooth-move.ts';
import { DEFAULT_SNAP_TURN_DEG, SNAP_TURN_STEPS } from './snap-turn.ts';

/**
 * A headset's own comfort choices (not shared with the session: one person's stomach is not
 * another's): the snap turn's step, the glide's speed and where the VR panel sits. Kept in the
 * browser's localStorage, so the headset's browser remembers them across sessions.
 */
export interface ComfortSettings {
  snapStepDeg: number;
  glideSpeed: number;
  panelPlacement: PanelPlacement;
}

export const DEFAULT_COMFORT: ComfortSettings = { snapStepDeg: DEFAULT_SNAP_TURN_DEG, glideSpeed: DEFAULT_SMOOTH_SPEED, panelPlacement: 'float' };
const KEY = 'data-mirage.xr-comfort';

type Store = Pick<Storage, 'getItem' | 'setItem'>;

/** The stored settings; anything missing, unknown or out of the offered choices falls back to its default. */
export function readComfort(storage: Store | null): ComfortSettings {
  let raw: unknown = null;
  try {
    raw = JSON.parse(storage?.getItem(KEY) ?? 'null');
  } catch {
    raw = null;
  }
  const o = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const pick = <T>(value: unknown, allowed: readonly T[], fallback: T): T => (allowed.includes(value as T) ? (value as T) : fallback);
  return {
    snapStepDeg: pick(o.snapStepDeg, SNAP_TURN_STEPS, DEFAULT_COMFORT.snapStepDeg),
    glideSpeed: pick(o.glideSpeed, SMOOTH_SPEEDS, DEFAULT_COMFORT.glideSpeed),
    panelPlacement: pick<PanelPlacement>(o.panelPlacement, ['float', 'wrist'], DEFAULT_COMFORT.panelPlacement),
  };
}

/** Stores the settings; a browser that refuses storage (private mode, quota) keeps them for this session only. */
export function writeComfort(storage: Store | null, settings: ComfortSettings): void {
  try {
    storage?.setItem(KEY, JSON.stringify(settings));
  } catch {
    // Not persisted: the choices still hold until the page closes.
  }
}

/** localStorage where the page may use it, else null. */
export function browserStorage(): Store | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
