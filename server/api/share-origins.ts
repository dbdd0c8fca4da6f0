import { networkInterfaces } from 'node:os';
import { Hono } from 'hono';
import { chooseShareOrigins } from '../services/share-origins.ts';
import type { ApiDeps } from './deps.ts';

/** GET /api/share-origins: where share links should point so other devices can open them. */
export function shareOriginsRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  app.get('/', deps.guards.shareOrigins, (c) => {
    // The ports the listeners really have (PORT may be 0 = "any"; this request may have come over
    // either), never the Host header's, which could name a proxy's. Read per request: a laptop's
    // address changes with the Wi-Fi.
    const { http, https } = deps.listening;
    const port = http || deps.config.port || Number(new URL(c.req.url).port) || 80;
    c.header('cache-control', 'no-store');
    return c.json(chooseShareOrigins({ publicUrl: deps.config.publicUrl, host: deps.config.host, port, httpsPort: https, interfaces: networkInterfaces() }));
  });
  return app;
}
