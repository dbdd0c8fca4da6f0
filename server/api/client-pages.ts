import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';

/**
 * The built client (vite build → dist/client): hashed assets are cached for good, pages are
 * revalidated every time so a new deploy is picked up. `/` is the start page, `/s/:id` the page
 * of a session (the client reads the token from the query).
 */
function notBuilt(): Response {
  return new Response('The client is not built yet: run `npm run build` (npm start does it for you).', {
    status: 503,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
}

export function clientRoutes(clientDir: string, options: { sceneLab: boolean } = { sceneLab: false }): Hono {
  const app = new Hono();
  // The scene lab is a developer page (synthetic clouds, test hooks): vite's dev server serves it
  // from client/, tests and benchmarks serve the build with their own static server; the real
  // server shows it only when asked (SCENE_LAB=1), never to a workshop's participants.
  if (!options.sceneLab) app.all('/scene-lab/*', (c) => c.notFound());
  const indexPath = join(clientDir, 'index.html');

  if (!existsSync(clientDir)) {
    app.get('/', notBuilt);
    app.get('/s/:id', notBuilt);
    return app;
  }
  app.use(
    '/assets/*',
    serveStatic({
      root: clientDir,
      onFound: (_path, c) => c.header('cache-control', 'public, max-age=31536000, immutable'),
    }),
  );

  const page = async () => {
    if (!existsSync(indexPath)) return notBuilt();
    return new Response(await readFile(indexPath), { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' } });
  };
  app.get('/', page);
  app.get('/s/:id', page);

  // Other top-level files of the build (favicon, XR input profiles, the scene lab when enabled…).
  app.use('/*', serveStatic({ root: clientDir, onFound: (_path, c) => c.header('cache-control', 'public, max-age=3600') }));
  return app;
}
