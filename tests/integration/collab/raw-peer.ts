import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';

/**
 * A bare WebSocket speaking the y-websocket protocol by hand, for clients no stock provider
 * would be: ones that flood. Records every message and how the server closed it.
 */
export interface RawPeer {
  ws: WebSocket;
  messages: Uint8Array[];
  opened: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
}

export function openRawPeer(url: string): RawPeer {
  const ws = new WebSocket(url);
  const messages: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
  ws.on('error', () => undefined);
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('close', () => reject(new Error('closed before opening')));
  });
  opened.catch(() => undefined);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return { ws, messages, opened, closed };
}

/** Sync step 1 carrying an arbitrary state vector: every distinct one makes the server encode a reply. */
export function syncStep1(stateVector: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0); // sync
  encoding.writeVarUint(e, 0); // step 1
  encoding.writeVarUint8Array(e, stateVector);
  return encoding.toUint8Array(e);
}

/** A state vector claiming clock `clock` of client `clientId`. */
export function stateVector(clientId: number, clock: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, clientId);
  encoding.writeVarUint(e, clock);
  return encoding.toUint8Array(e);
}

/** A sync update message (type 2) carrying `update`. */
export function syncUpdate(update: Uint8Array): Uint8Array {
  return syncCarrying(2, update);
}

/** Sync step 2 (the answer to a step 1) carrying `update`: what a client sends when asked for its state. */
export function syncStep2(update: Uint8Array): Uint8Array {
  return syncCarrying(1, update);
}

function syncCarrying(subType: 1 | 2, update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0); // sync
  encoding.writeVarUint(e, subType);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** An awareness message for one client id; `json` is its state as sent. */
export function awarenessUpdate(clientId: number, clock: number, json: string): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, json);
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  return encoding.toUint8Array(e);
}

/** Sync step 2 replies among the messages (the server's answers to sync step 1). */
export function countSyncReplies(messages: readonly Uint8Array[]): number {
  let n = 0;
  for (const m of messages) {
    const d = decoding.createDecoder(m);
    if (decoding.readVarUint(d) === 0 && decoding.readVarUint(d) === 1) n++;
  }
  return n;
}
