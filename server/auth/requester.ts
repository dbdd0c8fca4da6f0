import type { Context } from 'hono';
import type { Principal } from './principal.ts';

/**
 * A stable key for "whoever is asking", for per-requester caps (queued analyses): the owner is one
 * requester, each session's edit token another. Tokens themselves never become keys (keys may be
 * logged or counted); the session id stands for its token.
 */
export function principalKey(principal: Principal): string {
  if (principal.kind === 'owner') return 'owner';
  if (principal.kind === 'session') return `session:${principal.sessionId}:${principal.role}`;
  return 'none';
}

/** The requester key of a request that went through the access middleware ('none' if it did not). */
export function requesterKey(c: Context): string {
  return principalKey(c.get('principal') ?? { kind: 'none' });
}
