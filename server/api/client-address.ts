import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';

/**
 * The address a request came from (its TCP peer), for limits per client. Behind a reverse proxy
 * every request shares the proxy's address: limits per client then act as limits for everyone
 * behind it, which errs on the safe side.
 */
export function clientAddress(c: Context): string {
  // Decided once for every request by the access layer (server/auth/client-address.ts, TRUST_PROXY).
  const decided = c.get('clientAddress');
  if (decided !== undefined) return decided;
  const env = c.env as Partial<HttpBindings> | undefined;
  const address = env?.incoming?.socket.remoteAddress ?? 'unknown';
  // The same client over IPv4 and IPv4-mapped IPv6 is one client.
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
