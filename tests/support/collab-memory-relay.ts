import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * Benchmark baseline only: the design of the reference y-websocket server (utils.js) — one
 * in-memory Y.Doc per room, updates applied and broadcast at once, no storage, no auth, no
 * read-only — so the bench shows what our durability (fsync before relay) costs. Same CLI as
 * collab-server-process.ts; prints {"port": N}.
 */
const docs = new Map<string, { doc: Y.Doc; conns: Set<WebSocket> }>();
const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 2 ** 20, perMessageDeflate: false });

function room(name: string): { doc: Y.Doc; conns: Set<WebSocket> } {
  let r = docs.get(name);
  if (!r) {
    const doc = new Y.Doc();
    const conns = new Set<WebSocket>();
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      syncProtocol.writeUpdate(encoder, update);
      const message = encoding.toUint8Array(encoder);
      for (const c of conns) if (c !== origin) c.send(message);
    });
    r = { doc, conns };
    docs.set(name, r);
  }
  return r;
}

wss.on('connection', (ws: WebSocket, name: string) => {
  const r = room(name);
  r.conns.add(ws);
  ws.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === 0) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      syncProtocol.readSyncMessage(decoder, encoder, r.doc, ws);
      if (encoding.length(encoder) > 1) ws.send(encoding.toUint8Array(encoder));
    } else if (type === 1) {
      for (const c of r.conns) c.send(data);
    }
  });
  ws.on('close', () => r.conns.delete(ws));
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeSyncStep1(encoder, r.doc);
  ws.send(encoding.toUint8Array(encoder));
});

const http = createServer((_req, res) => res.writeHead(404).end());
http.on('upgrade', (req, socket, head) => {
  const name = new URL(req.url ?? '/', 'http://localhost').pathname.split('/').pop() ?? '';
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, name));
});
http.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: (http.address() as AddressInfo).port })));
