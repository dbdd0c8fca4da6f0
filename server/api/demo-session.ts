import { Hono } from 'hono';
import type { DemoSessionInfo } from '../../shared/api-types.ts';
import { demoSession } from '../services/demo.ts';
import type { ApiDeps } from './deps.ts';

/**
 * GET /api/demo-session: the demo session made on this server's first start, with its edit and
 * view tokens, so the start page can link it (a new user at http://localhost:8080 finds it).
 * It hands out an edit token, so it is the owner's (guards.workspace), like the rest of the start
 * page's API. A demo whose table was deleted is no longer offered.
 */
export function demoSessionRoutes(deps: ApiDeps): Hono {
  const app = new Hono();
  app.get('/', deps.guards.workspace, async (c) => {
    const record = await demoSession(deps);
    const body: DemoSessionInfo = {
      session: record && { id: record.id, title: record.title, editToken: record.editToken, viewToken: record.viewToken },
    };
    c.header('cache-control', 'no-store');
    return c.json(body);
  });
  return app;
}
