import type * as awarenessProtocol from 'y-protocols/awareness';
import { awarenessMessage } from './protocol.ts';

export interface PresenceChange {
  added: number[];
  updated: number[];
  removed: number[];
}

export interface PresenceOutlets {
  /** Sends one message to every local peer. */
  broadcast(message: Uint8Array): void;
  /** Sends presence changed here to the other processes (null: this process is alone). */
  publish: ((message: Uint8Array) => void) | null;
}

/** Renewals due within this long of the next one go out with it. */
const RENEWAL_TICK_MS = 100;

/**
 * How long a client's renewals wait: the same for every renewal of one client, evenly spread
 * over [0, spreadMs) across clients. Client ids are random 32-bit numbers; the multiply
 * (Fibonacci hashing) also spreads ids that happen to be close.
 */
export function renewalDelayMs(clientId: number, spreadMs: number): number {
  return ((Math.imul(clientId, 0x9e3779b1) >>> 0) / 2 ** 32) * spreadMs;
}

/**
 * Sends a room's presence changes out: what changed in one tick goes out as one message per peer
 * (with 50 headsets sending poses, per-message relaying would be 50 sends per pose), adding no delay.
 *
 * Renewals are the exception. Every client re-sends its unchanged state every 15–18 s so that
 * nobody times it out (after 30 s). In a room of 500 phones that joined together those renewals
 * come in bursts, and relayed as they come every phone decodes (and, being a stock client,
 * re-encodes and echoes) ~500 states within a second or two, every 15 s. A renewal changes
 * nothing anyone sees, so each waits a delay fixed per client id, spread evenly over
 * `renewalSpreadMs`, and those due together go out as one message (the 500-client bench, all on
 * one 2-core machine: update latency p95 50 → 37 ms, worst 183 → ~100 ms). The delay is the same
 * for every renewal of a client, so receivers still hear from it every 15–18 s; only the first
 * renewal after a change comes later (at most 18 s + the spread, under the 30 s timeout). Joins,
 * leaves and real changes never wait.
 */
export class PresenceFanout {
  /** Ids whose state changed in the awareness call being reported (its 'change' precedes its 'update'). */
  private readonly changing = new Set<number>();
  /** Id → whether it also goes to the other processes (changed here, not a local timeout). */
  private readonly now = new Map<number, boolean>();
  /** Id → whether it goes to the other processes too, and when it is due (ms, performance.now()). */
  private readonly renewals = new Map<number, { relay: boolean; due: number }>();
  private nowScheduled = false;
  private renewalTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(
    private readonly awareness: awarenessProtocol.Awareness,
    private readonly outlets: () => PresenceOutlets,
    private readonly renewalSpreadMs: number,
  ) {}

  /** The awareness' 'change' event: the ids of `updated` here have a different state. */
  changed({ updated }: PresenceChange): void {
    for (const id of updated) this.changing.add(id);
  }

  /** The awareness' 'update' event for a change made here (a local peer, a timeout, server code). */
  queue({ added, updated, removed }: PresenceChange, relay: boolean): void {
    for (const id of [...added, ...removed]) this.mark(this.now, id, relay);
    for (const id of updated) {
      if (this.changing.has(id)) this.mark(this.now, id, relay);
      else {
        const pending = this.renewals.get(id);
        this.renewals.set(id, { relay: relay || (pending?.relay ?? false), due: pending?.due ?? performance.now() + renewalDelayMs(id, this.renewalSpreadMs) });
      }
    }
    this.changing.clear();
    // What goes out now carries the newest clock: a renewal queued before it would only repeat it.
    for (const id of this.now.keys()) this.renewals.delete(id);
    if (this.now.size > 0 && !this.nowScheduled) {
      this.nowScheduled = true;
      setImmediate(() => {
        this.nowScheduled = false;
        this.send(this.now);
      });
    }
    if (this.renewals.size > 0 && this.renewalTimer === null) this.scheduleRenewals();
  }

  close(): void {
    this.closed = true;
    if (this.renewalTimer) clearTimeout(this.renewalTimer);
  }

  private scheduleRenewals(): void {
    let next = Infinity;
    for (const { due } of this.renewals.values()) next = Math.min(next, due);
    // Renewals due within one tick of each other go out together.
    const wait = Math.max(RENEWAL_TICK_MS, next - performance.now());
    this.renewalTimer = setTimeout(() => {
      this.renewalTimer = null;
      const dueBy = performance.now();
      const due = new Map<number, boolean>();
      for (const [id, renewal] of this.renewals) {
        if (renewal.due > dueBy) continue;
        due.set(id, renewal.relay);
        this.renewals.delete(id);
      }
      this.send(due);
      if (this.renewals.size > 0 && !this.closed) this.scheduleRenewals();
    }, wait);
  }

  private mark(into: Map<number, boolean>, id: number, relay: boolean): void {
    into.set(id, (into.get(id) ?? false) || relay);
  }

  private send(pending: Map<number, boolean>): void {
    const ids = [...pending.keys()];
    const relayed = ids.filter((id) => pending.get(id));
    pending.clear();
    if (this.closed || ids.length === 0) return;
    const { broadcast, publish } = this.outlets();
    if (publish && relayed.length > 0) publish(awarenessMessage(this.awareness, relayed));
    broadcast(awarenessMessage(this.awareness, ids));
  }
}
