import type { Awareness } from 'y-protocols/awareness';
import { initialAwarenessState, sanitizeAwarenessState, type AwarenessState, type Device } from '../../shared/session/index.ts';

export interface Peer {
  clientId: number;
  state: AwarenessState;
}

/** At most this often (ms) does our presence go out: ~12 Hz, like Hubs. */
export const PRESENCE_INTERVAL_MS = 80;

/**
 * Our own awareness state, published through a throttle: camera and pointer moves arrive every
 * frame, the network sees at most one update per PRESENCE_INTERVAL_MS (the latest values win).
 */
export class Presence {
  private pending: Partial<AwarenessState> = {};
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastSent = 0;

  constructor(
    readonly awareness: Awareness,
    name: string,
    color: string,
    device: Device = 'desktop',
  ) {
    awareness.setLocalState(initialAwarenessState(name, color, device));
  }

  update(fields: Partial<AwarenessState>): void {
    Object.assign(this.pending, fields);
    if (this.timer) return;
    const wait = Math.max(0, this.lastSent + PRESENCE_INTERVAL_MS - Date.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Sends pending fields now (name changes, leaving). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const current = this.awareness.getLocalState();
    if (!current) return;
    this.awareness.setLocalState({ ...current, ...this.pending });
    this.pending = {};
    this.lastSent = Date.now();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** Other participants with a valid state, ordered by client id so every list reads alike. */
export function readPeers(awareness: Awareness): Peer[] {
  const out: Peer[] = [];
  for (const [clientId, raw] of awareness.getStates()) {
    if (clientId === awareness.clientID) continue;
    const state = sanitizeAwarenessState(raw);
    if (state) out.push({ clientId, state });
  }
  return out.sort((a, b) => a.clientId - b.clientId);
}
