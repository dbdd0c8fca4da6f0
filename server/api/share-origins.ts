import { networkInterfaces } from 'node:os';
import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { chooseShareOrigins } from '../services/share-origins.ts';
import type { ApiDeps } from './deps.ts';

/** GET /api/share-origins: where share links should point so other devices can open them. */
export function shareOriginsRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  app.get('/', deps.guards.shareOrigins, (c) => {
    // The socket's own port is the one we listen on (PORT may be 0 = "any"); the Host header
    // could name a proxy's. Read per request: a laptop's address changes with the Wi-Fi.
    const socket = (c.env as Partial<HttpBindings> | undefined)?.incoming?.socket;
    const port = socket?.localPort ?? (deps.config.port || Number(new URL(c.req.url).port) || 80);
    c.header('cache-control', 'no-store');
    return c.json(chooseShareOrigins({ publicUrl: deps.config.publicUrl, host: deps.config.host, port, interfaces: networkInterfaces() }));
  });
  return app;
}
