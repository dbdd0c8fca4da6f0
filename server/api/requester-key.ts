import type { Context } from 'hono';
import { clientAddress } from './client-address.ts';

/**
 * Who is asking, for limits per requester (queued analyses). For now the client's address;
 * once requests carry a principal (owner or session token) this becomes that principal's key.
 */
export function requesterKey(c: Context): string {
  return `address:${clientAddress(c)}`;
}
