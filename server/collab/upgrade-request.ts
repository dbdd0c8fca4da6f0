import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';

/**
 * Reading and refusing WebSocket upgrade requests before any WebSocket exists. Refusals at
 * this level are for requests that are not ours or come from a foreign page; token problems
 * are refused with a close code instead (see create-collab-server.ts), because browsers hide
 * the HTTP status of a failed upgrade from the page.
 */
export interface ParsedUpgrade {
  sessionId: string;
  token: string | null;
}

export function parseUpgradeUrl(req: IncomingMessage, pathPrefix: string): ParsedUpgrade | null {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://localhost');
  } catch {
    return null;
  }
  if (!url.pathname.startsWith(pathPrefix)) return null;
  const sessionId = url.pathname.slice(pathPrefix.length);
  const token = url.searchParams.get('token');
  return { sessionId, token: token === null || token === '' ? null : token };
}

/**
 * Browsers send Origin; a page from our own host may always connect, other pages only when
 * listed (ALLOWED_ORIGINS). Clients that send no Origin (Node, native apps) are not pages a
 * user was lured to: they connect, still subject to the token check.
 */
export function originAllowed(req: IncomingMessage, allowed: readonly string[] | undefined): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowed?.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** Answers the upgrade request with a plain HTTP error (JSON body, DESIGN.md error shape) and closes. */
export function refuseUpgrade(socket: Duplex, status: number, code: string, message: string, retryAfter?: number): void {
  if (socket.destroyed) return;
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Connection: close\r\nContent-Type: application/json\r\n' +
      (retryAfter === undefined ? '' : `Retry-After: ${retryAfter}\r\n`) +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  setTimeout(() => socket.destroy(), 1000).unref();
}
