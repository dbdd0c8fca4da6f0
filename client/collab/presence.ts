import type { Awareness } from 'y-protocols/awareness';
import { CATEGORICAL_PALETTES } from '../../shared/encodings/palettes.ts';
import { initialAwarenessState, sanitizeAwarenessState, type AwarenessState, type Device } from '../../shared/session/index.ts';

export interface Peer {
  clientId: number;
  state: AwarenessState;
}

/** Colours participants are told apart by: two palettes of well-separated hues, 18 in all. */
export const PARTICIPANT_COLORS: readonly string[] = [...CATEGORICAL_PALETTES.observable10, ...CATEGORICAL_PALETTES.bright];

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
  /** The name this browser stores; what others see may carry a suffix (see distinctName). */
  private baseName: string;
  /** The colour this browser stores; what others see may differ (see distinctColor). */
  private readonly baseColor: string;
  private readonly onAwareness = () => this.dedupe();

  constructor(
    readonly awareness: Awareness,
    name: string,
    color: string,
    device: Device = 'desktop',
  ) {
    this.baseName = name;
    this.baseColor = color;
    awareness.setLocalState(initialAwarenessState(name, color, device));
    awareness.on('change', this.onAwareness);
    this.dedupe();
  }

  /** The name others see for this tab right now. */
  get name(): string {
    return (this.pending.name ?? this.awareness.getLocalState()?.name ?? this.baseName) as string;
  }

  /** The colour others see for this tab right now. */
  get color(): string {
    return (this.pending.color ?? this.awareness.getLocalState()?.color ?? this.baseColor) as string;
  }

  /** A new stored name from the user; it is still suffixed if another participant already uses it. */
  rename(name: string): void {
    this.baseName = name;
    this.update({ name: distinctName(name, this.awareness.clientID, readPeers(this.awareness)) });
    this.flush();
  }

  /**
   * Two tabs of one browser share the stored identity, so both would show as "Nimble Heron",
   * and ten random colours among twenty people repeat: each tab works out the same ranking by
   * client id, so they settle on different names and colours without talking to each other.
   */
  private dedupe(): void {
    const peers = readPeers(this.awareness);
    const name = distinctName(this.baseName, this.awareness.clientID, peers);
    const color = distinctColor(this.baseColor, this.awareness.clientID, peers);
    if (name === this.name && color === this.color) return;
    this.update({ name, color });
    this.flush();
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
    this.awareness.off('change', this.onAwareness);
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

/**
 * Our colour among the peers: kept unless a participant who joined earlier (lower client id)
 * shows it; then the next participant colour no earlier one shows (the stored one if all are).
 */
export function distinctColor(base: string, me: number, peers: readonly Peer[], palette: readonly string[] = PARTICIPANT_COLORS): string {
  const taken = new Set(peers.filter((p) => p.clientId < me).map((p) => p.state.color.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  const start = Math.max(0, palette.findIndex((c) => c.toLowerCase() === base.toLowerCase()));
  for (let k = 1; k <= palette.length; k++) {
    const c = palette[(start + k) % palette.length];
    if (!taken.has(c.toLowerCase())) return c;
  }
  return base;
}

/**
 * Our display name among the peers: everyone whose name is `base` or `base N` counts as sharing it;
 * ranked by client id, the first keeps `base`, the second shows `base 2`, and so on. Every
 * participant ranks the same set the same way, so no two end up with one name.
 */
export function distinctName(base: string, me: number, peers: readonly Peer[]): string {
  const suffixed = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\d+$`);
  const sharing = peers.filter((p) => p.state.name === base || suffixed.test(p.state.name)).map((p) => p.clientId);
  let rank = sharing.filter((id) => id < me).length;
  const nameAt = (r: number) => (r === 0 ? base : `${base} ${r + 1}`);
  // Someone earlier may have typed "Nimble Heron 2" as their own name: step past it (later ones yield to us).
  while (peers.some((p) => p.clientId < me && p.state.name === nameAt(rank))) rank += 1;
  return nameAt(rank);
}
