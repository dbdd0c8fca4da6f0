import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { RelaySubscription, RoomLog } from './room-backend.ts';
import { REMOTE_OWNER, withoutLocallyOwned } from './awareness-gate.ts';
import { PresenceFanout, type PresenceChange, type PresenceOutlets } from './presence-fanout.ts';
import { awarenessFrame, updateMessage, syncStep2Message, CLOSE } from './protocol.ts';
import { CollabError } from './errors.ts';

/** What a room needs from a connection: a way to send and to be closed. */
export interface RoomPeer {
  readonly key: object;
  readonly owned: Set<number>;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

export interface RoomOptions {
  compactAfterBytes: number;
  /** The span over which presence renewals (unchanged states re-sent against timeouts) are spread. */
  presenceRenewalSpreadMs: number;
  onError(err: unknown, context: string): void;
  /** Storage failed: the owner should dispose of the room (without compaction). */
  onFailure(room: Room): void;
}

/** Origin of what another process added to the room (already durable; see RoomRelay). */
export const RELAYED = Symbol('relayed');

/**
 * One loaded session: its Y.Doc, awareness, connected peers and the durable relay queue.
 *
 * Durability: every document update (from a peer or from server code) is queued; a drain
 * appends all queued updates in one synchronous (O_DSYNC) write, and only then runs the actions queued with
 * them (relaying the updates, answering sync requests whose reply contains them), in order.
 * So nothing leaves the server before it is on disk, and what arrives in one tick costs one disk sync.
 * With a relay (several processes), "on disk" is "in the room's stream", and what other processes
 * appended arrives through relayed(): already durable, it is applied and forwarded as it came.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly peers = new Set<RoomPeer>();
  /** Awareness client id → owning peer key (see awareness-gate.ts). */
  readonly owners = new Map<number, object>();
  state: 'open' | 'failed' | 'closing' | 'closed' = 'open';
  /** Nothing was stored for the session when the room was loaded. */
  storedNothing = false;
  /** Connections plus server-side users (pending upgrades, withDocument) holding the room. */
  leases = 0;
  /** Connections attached or in their handshake: what maxConnectionsPerSession counts. */
  seats = 0;
  /** Of those, view-token ones: capped lower, so viewers cannot take the editors' reserve. */
  viewerSeats = 0;
  /**
   * Bytes the document holds in storage terms: the state as last loaded or compacted plus every
   * update stored since (see document-size.ts). An upper bound; compaction makes it exact again.
   */
  storedBytes = 0;
  unloadTimer: ReturnType<typeof setTimeout> | null = null;
  readonly closed: Promise<void>;
  private resolveClosed!: () => void;
  private readonly presence: PresenceFanout;
  private relay: RelaySubscription | null = null;
  private compacting: Promise<void> | null = null;
  private pendingUpdates: Uint8Array[] = [];
  /** Run with true once durable, or with false when storage failed (then nothing may be sent). */
  private pendingActions: Array<(durable: boolean) => void> = [];
  private draining: Promise<void> | null = null;
  private scheduled = false;
  /** The last sync step 2 reply and the state vector it answers; any transaction voids it. */
  private lastSyncReply: { stateVector: Uint8Array; message: Uint8Array } | null = null;

  constructor(
    readonly id: string,
    private readonly storage: RoomLog,
    private readonly options: RoomOptions,
  ) {
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
    this.presence = new PresenceFanout(this.awareness, () => this.presenceOutlets(), options.presenceRenewalSpreadMs);
    // The server is not a participant.
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.storedBytes += update.length;
      // Stored and forwarded by the process that received it.
      if (origin === RELAYED) return;
      this.pendingUpdates.push(update);
      const message = updateMessage(update);
      this.pendingActions.push((durable) => durable && this.broadcast(message, origin));
      this.schedule();
    });
    // Not only 'update': a transaction that merely parks updates waiting for dependencies emits
    // no update, yet changes what encodeStateAsUpdate returns.
    this.doc.on('afterTransaction', () => (this.lastSyncReply = null));
    this.awareness.on('change', (change: PresenceChange, origin: unknown) => {
      if (origin !== RELAYED) this.presence.changed(change);
    });
    this.awareness.on('update', (change: PresenceChange, origin: unknown) => {
      for (const id of change.removed) if (this.owners.get(id) === REMOTE_OWNER) this.owners.delete(id);
      if (origin === RELAYED) {
        for (const id of [...change.added, ...change.updated]) if (!this.owners.has(id)) this.owners.set(id, REMOTE_OWNER);
        return;
      }
      // Not the awareness' own timeouts: every process times out what it stopped hearing about.
      this.presence.queue(change, this.relay !== null && origin !== 'timeout');
    });
  }

  private presenceOutlets(): PresenceOutlets {
    const relay = this.relay;
    return {
      broadcast: (message) => {
        for (const peer of this.peers) peer.send(message);
      },
      publish: relay
        ? (message) => {
            relay.publishAwareness(message);
            // Presence alone (headsets, no edits) grows the stream too.
            this.compactIfDue();
          }
        : null,
    };
  }

  /** The presence clock this room holds for a client id (-1: none): see REMOTE_OWNER. */
  clockOf(clientId: number): number {
    return this.awareness.meta.get(clientId)?.clock ?? -1;
  }

  /** Joins the room to the other processes serving it; closed with the room. */
  connectRelay(relay: RelaySubscription): void {
    this.relay = relay;
  }

  /** An update another process stored: applied here and forwarded to every local peer as it came. */
  relayed(update: Uint8Array, message: Uint8Array): void {
    if (this.state !== 'open') return;
    try {
      Y.applyUpdate(this.doc, update, RELAYED);
    } catch (err) {
      this.options.onError(err, `session ${this.id}: a relayed update does not apply`);
      return;
    }
    for (const peer of this.peers) peer.send(message);
    this.compactIfDue();
  }

  /** The whole stored document again (the relay missed entries): what this room lacked goes to its peers. */
  resync(state: Uint8Array | null, updates: readonly Uint8Array[]): void {
    if (this.state !== 'open') return;
    const before = Y.encodeStateVector(this.doc);
    for (const update of state ? [state, ...updates] : updates) {
      try {
        Y.applyUpdate(this.doc, update, RELAYED);
      } catch (err) {
        this.options.onError(err, `session ${this.id}: skipping a stored update that does not apply`);
      }
    }
    const missing = Y.encodeStateAsUpdate(this.doc, before);
    // Two zero counts (no structs, no deletions): nothing was missing.
    if (missing.length <= 2) return;
    const message = updateMessage(missing);
    for (const peer of this.peers) peer.send(message);
  }

  /**
   * Presence from another process (already gated there): kept for joiners here and forwarded,
   * except for client ids a connection here owns (see withoutLocallyOwned).
   */
  relayedAwareness(update: Uint8Array, message: Uint8Array): void {
    if (this.state !== 'open') return;
    let kept: Uint8Array | null;
    try {
      kept = withoutLocallyOwned(update, this.owners);
      if (kept === null) return;
      awarenessProtocol.applyAwarenessUpdate(this.awareness, kept, RELAYED);
    } catch (err) {
      this.options.onError(err, `session ${this.id}: a relayed awareness update does not apply`);
      return;
    }
    const frame = kept === update ? message : awarenessFrame(kept);
    for (const peer of this.peers) peer.send(frame);
    this.compactIfDue();
  }

  /** With a relay the log also grows by what other processes append: compacted here too. */
  private compactIfDue(): void {
    if (this.storage.logBytes <= this.options.compactAfterBytes || this.compacting || this.draining) return;
    this.compacting = this.compact()
      .catch((err: unknown) => this.options.onError(err, `session ${this.id}: compaction failed`))
      .finally(() => (this.compacting = null));
  }

  /**
   * The sync step 2 message answering `stateVector`. Everyone joining with an empty document
   * sends the same state vector, so while the document does not change, a room full of new
   * joiners (or a client that reconnects to ask again) costs one encoding, not one each.
   */
  syncReply(stateVector: Uint8Array): Uint8Array {
    const cached = this.lastSyncReply;
    if (cached && Buffer.compare(cached.stateVector, stateVector) === 0) return cached.message;
    const message = syncStep2Message(this.doc, stateVector);
    this.lastSyncReply = { stateVector: stateVector.slice(), message };
    return message;
  }

  /** Loads stored content (and presence a shared store still holds) without queueing it for storage again. */
  hydrate(state: Uint8Array | null, updates: readonly Uint8Array[], awareness: readonly Uint8Array[] = []): number {
    let failed = 0;
    const all = state ? [state, ...updates] : updates;
    for (const update of all) {
      try {
        Y.applyUpdate(this.doc, update, this);
      } catch (err) {
        failed++;
        this.options.onError(err, `session ${this.id}: skipping an update that does not apply`);
      }
    }
    for (const update of awareness) {
      try {
        awarenessProtocol.applyAwarenessUpdate(this.awareness, update, RELAYED);
      } catch (err) {
        this.options.onError(err, `session ${this.id}: skipping stored presence that does not apply`);
      }
    }
    this.pendingUpdates = [];
    this.pendingActions = [];
    return failed;
  }

  /** Runs `action` once everything applied to the document so far is on disk. */
  afterDurable(action: (durable: boolean) => void): void {
    if (this.draining === null && this.pendingUpdates.length === 0 && this.pendingActions.length === 0) {
      action(this.state !== 'failed');
      return;
    }
    this.pendingActions.push(action);
    this.schedule();
  }

  /** Resolves when everything applied so far is on disk and relayed; rejects if storage failed. */
  whenDurable(): Promise<void> {
    return new Promise((resolve, reject) =>
      this.afterDurable((durable) =>
        durable ? resolve() : reject(new CollabError('storage_failed', `session ${this.id}: changes could not be stored`)),
      ),
    );
  }

  private broadcast(message: Uint8Array, origin: unknown): void {
    for (const peer of this.peers) if (peer !== origin) peer.send(message);
  }

  private schedule(): void {
    if (this.scheduled || this.draining) return;
    this.scheduled = true;
    // setImmediate, not a microtask: messages read from sockets in the same poll phase join the batch.
    setImmediate(() => {
      this.scheduled = false;
      this.draining = this.drain().finally(() => {
        this.draining = null;
        // Work queued between the drain's last check and here would otherwise wait for the next event.
        if (this.pendingUpdates.length > 0 || this.pendingActions.length > 0) this.schedule();
      });
    });
  }

  private async drain(): Promise<void> {
    let inFlight: Array<(durable: boolean) => void> = [];
    try {
      while (this.pendingUpdates.length > 0 || this.pendingActions.length > 0) {
        const updates = this.pendingUpdates;
        inFlight = this.pendingActions;
        this.pendingUpdates = [];
        this.pendingActions = [];
        await this.storage.append(updates);
        const actions = inFlight;
        inFlight = [];
        for (const action of actions) action(true);
        if (this.storage.logBytes > this.options.compactAfterBytes) await this.compact();
      }
    } catch (err) {
      // Updates that could not be stored were never relayed; dropping the room makes clients
      // reconnect and resend them (their sync step 2) to a freshly loaded room.
      this.options.onError(err, `session ${this.id}: storage failed, closing the room`);
      this.state = 'failed';
      for (const peer of this.peers) peer.close(CLOSE.internalError, 'storage failure');
      const actions = [...inFlight, ...this.pendingActions];
      this.pendingUpdates = [];
      this.pendingActions = [];
      for (const action of actions) action(false);
      this.options.onFailure(this);
    }
  }

  /** Waits for queued writes, compacts if the log holds anything (state file + empty log). */
  async flush(compact: boolean): Promise<void> {
    while (this.draining || this.scheduled || this.pendingUpdates.length > 0) {
      if (this.draining) await this.draining;
      else await new Promise((resolve) => setImmediate(resolve));
    }
    if (compact && this.storage.logBytes > 0 && this.state !== 'closed') await this.compact();
  }

  private async compact(): Promise<void> {
    const state = Y.encodeStateAsUpdate(this.doc);
    // Exact as of this encoding; updates applied while it is written add to it as usual.
    this.storedBytes = state.length;
    await this.storage.compact(state);
  }

  /** Closes every peer, stores what is pending (and compacts if asked), frees the document. */
  async dispose(closeCode: number, reason: string, compact: boolean, beforeClosed: () => void): Promise<void> {
    this.state = 'closing';
    this.relay?.close();
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    for (const peer of [...this.peers]) peer.close(closeCode, reason);
    try {
      await this.flush(compact);
    } catch (err) {
      this.options.onError(err, `session ${this.id}: final flush failed`);
    }
    await this.storage.close().catch((err: unknown) => this.options.onError(err, `session ${this.id}: close failed`));
    this.presence.close();
    this.awareness.destroy();
    this.doc.destroy();
    this.state = 'closed';
    beforeClosed();
    this.resolveClosed();
  }

  get logBytes(): number {
    return this.storage.logBytes;
  }
}
