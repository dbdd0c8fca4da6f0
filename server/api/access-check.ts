import { Hono } from 'hono';
import type { AccessCheck } from '../../shared/api-types.ts';
import { principalOf } from '../auth/access.ts';

/**
 * GET /api/access: whether this request is the workspace owner's, answered to anyone (200, no
 * guard). The start page asks this first and, when it is not, shows the way in without calling
 * the owner's API (each refused call would be a 401 in the browser's console). It says nothing
 * a visitor could not learn from any refused call, and counts no guess: a wrong token is still
 * refused (401) by the access layer before it gets here.
 */
export function accessCheckRoutes(): Hono {
  const app = new Hono();
  app.get('/', (c) => {
    c.header('cache-control', 'no-store');
    const body: AccessCheck = { owner: principalOf(c).kind === 'owner' };
    return c.json(body);
  });
  return app;
}
