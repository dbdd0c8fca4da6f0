import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { WebSocket } from 'ws';
import type { Role } from '../../shared/session/awareness.ts';
import { gateAwarenessUpdate } from './awareness-gate.ts';
import { exceedsDocumentCap } from './document-size.ts';
import { FloodGuard, type FloodLimits } from './flood-guard.ts';
import { DOCUMENT_TOO_LARGE, SERVER_OWNED, TOO_FAR_BEHIND, type Refusal } from './refusals.ts';
import { writesServerOwnedMeta } from './server-owned-meta.ts';
import {
  CLOSE,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  awarenessMessage,
  syncStep1Message,
} from './protocol.ts';
import type { Room, RoomPeer } from './room.ts';

export type Access = 'edit' | 'view';

export interface ConnectionLimits extends FloodLimits {
  maxAwarenessBytes: number;
  maxAwarenessClients: number;
  /**
   * A peer this far behind in reading is dropped rather than buffered without bound. The
   * document reply a joiner is being sent does not count against it until written (see send).
   */
  maxBufferedBytes: number;
  maxDocumentBytes: number;
}

export interface ConnectionHooks {
  onError(err: unknown, context: string): void;
  /** The connection was closed for going over a limit (counted in stats). */
  onRefused(refusal: Refusal): void;
}

/**
 * One WebSocket in one room. Edit connections may change the document; view connections get
 * the document and awareness, and their sync step 2 and update messages are counted and
 * dropped: they reach neither the room's document, nor storage, nor other peers.
 * Every message first passes the connection's flood budgets (flood-guard.ts) and every
 * editor's update the document size cap; going over either closes this connection only, and
 * whatever it sent after the refusal is ignored.
 */
export class Connection implements RoomPeer {
  readonly key = this;
  readonly owned = new Set<number>();
  readonly role: Role;
  droppedUpdates = 0;
  alive = true;
  private readonly guard: FloodGuard;
  /** The server closed this connection (a limit, a malformed message): later frames are not read. */
  private stopped = false;
  /**
   * Bytes of the document reply still being written to this peer. A joiner's first reply is the
   * whole document, which may be larger than maxBufferedBytes: counting it would drop every
   * joiner of a large document on a slow link at the next relayed presence message.
   */
  private replyInFlight = 0;

  constructor(
    private readonly ws: WebSocket,
    private readonly room: Room,
    readonly access: Access,
    private readonly limits: ConnectionLimits,
    private readonly hooks: ConnectionHooks,
  ) {
    this.role = access === 'edit' ? 'editor' : 'viewer';
    this.guard = new FloodGuard(limits);
  }

  /**
   * Queues `message`, or drops this peer if it is more than maxBufferedBytes behind. With
   * `reply` (a sync step 2), the message is exempt from that allowance until written, so a peer
   * holds at most maxBufferedBytes plus one document reply. Only one reply at a time is exempt:
   * a second request while the first is still unread counts in full (a client reading nothing
   * cannot make the server buffer the document over and over).
   */
  send(message: Uint8Array, reply = false): void {
    if (this.ws.readyState !== this.ws.OPEN || this.stopped) return;
    if (this.ws.bufferedAmount - this.replyInFlight > this.limits.maxBufferedBytes) {
      this.refuse(TOO_FAR_BEHIND);
      return;
    }
    const exempt = reply && this.replyInFlight === 0 ? message.byteLength : 0;
    this.replyInFlight += exempt;
    // ws calls back once the frame has left its buffers (bufferedAmount no longer holds it).
    this.ws.send(message, (err) => {
      this.replyInFlight -= exempt;
      if (err) this.ws.terminate();
    });
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING) this.ws.close(code, reason);
  }

  /** First messages of the server side of the protocol: the document's state vector. */
  greet(): void {
    // Only an editor's missing updates are of any use to the server.
    if (this.access === 'edit') this.send(syncStep1Message(this.room.doc));
    const states = [...this.room.awareness.getStates().keys()];
    if (states.length > 0) this.send(awarenessMessage(this.room.awareness, states));
  }

  /** Closes the connection for going over a limit; nothing it sends afterwards is read. */
  private refuse(refusal: Refusal): void {
    if (this.stopped) return;
    this.stopped = true;
    this.hooks.onRefused(refusal);
    this.close(refusal.code, refusal.reason);
  }

  handle(data: Uint8Array): void {
    // Frames still arriving while the room unloads (peers were asked to close) are not accepted,
    // nor frames queued behind a refusal (a flood keeps arriving while the close handshake runs).
    if (this.room.state !== 'open' || this.stopped) return;
    const overBudget = this.guard.admitMessage(data.byteLength);
    if (overBudget) return this.refuse(overBudget);
    let decoder: decoding.Decoder;
    let type: number;
    try {
      decoder = decoding.createDecoder(data);
      type = decoding.readVarUint(decoder);
      switch (type) {
        case MESSAGE_SYNC:
          this.handleSync(decoder);
          break;
        case MESSAGE_AWARENESS: {
          const update = decoding.readVarUint8Array(decoder);
          const gated = gateAwarenessUpdate(update, this, this.room, {
            maxBytes: this.limits.maxAwarenessBytes,
            maxClients: this.limits.maxAwarenessClients,
          });
          if (gated) awarenessProtocol.applyAwarenessUpdate(this.room.awareness, gated, this);
          break;
        }
        case MESSAGE_QUERY_AWARENESS: {
          const tooOften = this.guard.admitSyncRequest();
          if (tooOften) return this.refuse(tooOften);
          this.send(awarenessMessage(this.room.awareness, [...this.room.awareness.getStates().keys()]));
          break;
        }
        case MESSAGE_AUTH:
          break; // clients have nothing to say in the auth sub-protocol
        default:
          break; // unknown types are ignored, as y-websocket does
      }
    } catch (err) {
      this.hooks.onError(err, `session ${this.room.id}: malformed message, closing the connection`);
      this.stopped = true;
      this.close(CLOSE.protocolError, 'malformed message');
    }
  }

  private handleSync(decoder: decoding.Decoder): void {
    const syncType = decoding.readVarUint(decoder);
    if (syncType === 0) {
      const tooOften = this.guard.admitSyncRequest();
      if (tooOften) return this.refuse(tooOften);
      // Computed now, sent once what it contains is durable (see Room.afterDurable).
      const reply = this.room.syncReply(decoding.readVarUint8Array(decoder));
      this.room.afterDurable((durable) => durable && this.send(reply, true));
      return;
    }
    if (syncType !== 1 && syncType !== 2) throw new Error(`unknown sync message type ${syncType}`);
    const update = decoding.readVarUint8Array(decoder);
    if (this.access !== 'edit') {
      this.droppedUpdates++;
      return;
    }
    if (exceedsDocumentCap(this.room.doc, this.room.storedBytes, update, this.limits.maxDocumentBytes)) {
      return this.refuse(DOCUMENT_TOO_LARGE);
    }
    // Closed, not dropped: dropping one update would leave this client's later ones waiting on it.
    if (writesServerOwnedMeta(this.room.doc, update)) return this.refuse(SERVER_OWNED);
    Y.applyUpdate(this.room.doc, update, this);
  }

  /** Called every ping interval: a peer that did not answer the previous ping is cut off. */
  heartbeat(): void {
    if (!this.alive) {
      this.ws.terminate();
      return;
    }
    this.alive = false;
    this.ws.ping();
  }

  /** Removes what this connection put into the room's awareness. */
  release(): void {
    const owned = [...this.owned];
    for (const id of owned) this.room.owners.delete(id);
    awarenessProtocol.removeAwarenessStates(this.room.awareness, owned, this);
  }
}
