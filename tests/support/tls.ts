import { X509Certificate } from 'node:crypto';
import { request } from 'node:https';
import type { TLSSocket } from 'node:tls';
import WebSocket from 'ws';

/** What an HTTPS GET answered, and the certificate the server presented. */
export interface HttpsAnswer {
  status: number;
  body: string;
  /** The raw body (models are binary). */
  bytes: Buffer;
  contentType: string;
  setCookie: string[];
  /** SHA-256 fingerprint of the server's certificate (as X509Certificate.fingerprint256 writes it). */
  fingerprint: string;
}

/**
 * GET over TLS trusting only `ca` (the certificate the server should present): the request fails
 * unless that certificate is served and covers the host, as a browser that accepted it would check.
 */
export function httpsGet(url: string, ca: string, headers: Record<string, string> = {}): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, headers }, (res) => {
      const peer = (res.socket as TLSSocket).getPeerX509Certificate();
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, body: bytes.toString('utf8'), bytes, contentType: res.headers['content-type'] ?? '', setCookie: res.headers['set-cookie'] ?? [], fingerprint: peer?.fingerprint256 ?? '' });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

export function fingerprintOf(pem: string): string {
  return new X509Certificate(pem).fingerprint256;
}

/**
 * Opens a WebSocket over wss trusting `ca`, with a browser page's Origin, and resolves with the
 * first binary message (the server's sync step 1) or the HTTP status of a refused upgrade.
 */
export function wssFirstMessage(url: string, ca: string, origin: string): Promise<{ opened: true; bytes: number } | { opened: false; status: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { ca, headers: { origin } });
    ws.once('message', (data: Buffer) => {
      resolve({ opened: true, bytes: data.length });
      ws.close();
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve({ opened: false, status: res.statusCode ?? 0 });
      res.resume();
      ws.terminate();
    });
    ws.once('error', reject);
  });
}
