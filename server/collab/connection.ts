import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { WebSocket } from 'ws';
import type { Role } from '../../shared/session/awareness.ts';
import { gateAwarenessUpdate } from './awareness-gate.ts';
import {
  CLOSE,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  awarenessMessage,
  syncStep1Message,
  syncStep2Message,
} from './protocol.ts';
import type { Room, RoomPeer } from './room.ts';

export type Access = 'edit' | 'view';

export interface ConnectionLimits {
  maxAwarenessBytes: number;
  maxAwarenessClients: number;
  /** A peer this far behind in reading is dropped rather than buffered without bound. */
  maxBufferedBytes: number;
}

/**
 * One WebSocket in one room. Edit connections may change the document; view connections get
 * the document and awareness, and their sync step 2 and update messages are counted and
 * dropped: they reach neither the room's document, nor storage, nor other peers.
 */
export class Connection implements RoomPeer {
  readonly key = this;
  readonly owned = new Set<number>();
  readonly role: Role;
  droppedUpdates = 0;
  alive = true;

  constructor(
    private readonly ws: WebSocket,
    private readonly room: Room,
    readonly access: Access,
    private readonly limits: ConnectionLimits,
    private readonly onError: (err: unknown, context: string) => void,
  ) {
    this.role = access === 'edit' ? 'editor' : 'viewer';
  }

  send(message: Uint8Array): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
      this.close(CLOSE.tryAgainLater, 'too far behind');
      return;
    }
    this.ws.send(message, (err) => {
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

  handle(data: Uint8Array): void {
    // Frames still arriving while the room unloads (peers were asked to close) are not accepted.
    if (this.room.state !== 'open') return;
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
        case MESSAGE_QUERY_AWARENESS:
          this.send(awarenessMessage(this.room.awareness, [...this.room.awareness.getStates().keys()]));
          break;
        case MESSAGE_AUTH:
          break; // clients have nothing to say in the auth sub-protocol
        default:
          break; // unknown types are ignored, as y-websocket does
      }
    } catch (err) {
      this.onError(err, `session ${this.room.id}: malformed message, closing the connection`);
      this.close(CLOSE.protocolError, 'malformed message');
    }
  }

  private handleSync(decoder: decoding.Decoder): void {
    const syncType = decoding.readVarUint(decoder);
    if (syncType === 0) {
      // Computed now, sent once what it contains is durable (see Room.afterDurable).
      const reply = syncStep2Message(this.room.doc, decoding.readVarUint8Array(decoder));
      this.room.afterDurable((durable) => durable && this.send(reply));
      return;
    }
    if (syncType !== 1 && syncType !== 2) throw new Error(`unknown sync message type ${syncType}`);
    const update = decoding.readVarUint8Array(decoder);
    if (this.access !== 'edit') {
      this.droppedUpdates++;
      return;
    }
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
