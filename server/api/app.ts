import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { accessCheckRoutes } from './access-check.ts';
import { analysesRoutes } from './analyses.ts';
import { askRoutes } from './ask.ts';
import { analysisInsightsRoutes } from './analysis-insights.ts';
import { coOccurrenceRoutes } from './co-occurrence.ts';
import { rfmRoutes } from './rfm.ts';
import { clientRoutes } from './client-pages.ts';
import { demoSessionRoutes } from './demo-session.ts';
import { datasetsRoutes } from './datasets.ts';
import { datasetImagesRoutes } from './dataset-images.ts';
import { qualityRoutes } from './quality.ts';
import { driftRoutes } from './drift.ts';
import { demoDatasetsRoutes } from './demo-datasets.ts';
import type { ApiDeps } from './deps.ts';
import { toErrorResponse } from './http-error.ts';
import { inlineStyleHashes } from './inline-style-hashes.ts';
import { sessionsRoutes } from './sessions.ts';
import { shareOriginsRoutes } from './share-origins.ts';
import { trendsRoutes } from './trends.ts';

/** The whole HTTP surface (docs/http-api.md). The WebSocket endpoint /yjs/:id is attached in main.ts. */
export function createApp(deps: ApiDeps): Hono {
  const app = new Hono();
  const styleHashes = inlineStyleHashes(deps.config.clientDir);
  // No Permissions-Policy here: a restrictive one would block xr-spatial-tracking and break WebXR.
  app.use(
    '*',
    secureHeaders({
      crossOriginEmbedderPolicy: false,
      crossOriginResourcePolicy: 'same-origin',
      xFrameOptions: 'DENY',
      // No HSTS: one host serves plain http (PORT) beside https (HTTPS_PORT), and HSTS covers every port of a
      // host, so with a trusted certificate browsers would force http://host:8080 onto TLS and break it.
      strictTransportSecurity: false,
      // Our own origin only. 'self' covers ws:/wss: of our host (CSP3); blob: workers and images
      // are the pick-index worker and snapshots; data: images are the favicon and QR codes.
      // WebXR sessions are a browser API, not a fetch; but three's GLTFLoader fetches the
      // textures embedded in the controller models (.glb) through blob: URLs it makes itself.
      // The VR panel's layout engine (yoga, in @react-three/uikit) is WebAssembly inlined as a
      // data: URL in our own bundle: fetching that needs connect-src data: (bytes already in the
      // page, nothing leaves it) and compiling it 'wasm-unsafe-eval' (WebAssembly only, not JS eval).
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        styleSrc: ["'self'", () => styleHashes()],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        // IMAGE_ORIGINS: the servers an operator lets image-column URLs be fetched from (none by default).
        connectSrc: ["'self'", 'blob:', 'data:', ...deps.config.imageOrigins],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  app.use('*', deps.access.guardRequest);
  if (deps.config.allowedOrigins.length > 0) {
    app.use('/api/*', cors({ origin: deps.config.allowedOrigins, allowMethods: ['GET', 'POST', 'PUT', 'DELETE'], maxAge: 600 }));
  }
  app.get('/api/health', (c) => c.json({ ok: true }));
  app.use('/api/*', deps.access.identifyRequest);
  app.route('/api/datasets', datasetsRoutes(deps));
  app.route('/api/datasets', qualityRoutes(deps));
  app.route('/api/datasets', rfmRoutes(deps));
  app.route('/api/datasets', driftRoutes(deps));
  app.route('/api/datasets', datasetImagesRoutes(deps));
  app.route('/api/analyses', analysesRoutes(deps));
  app.route('/api/analyses', askRoutes(deps));
  app.route('/api/analyses', analysisInsightsRoutes(deps));
  app.route('/api/analyses', coOccurrenceRoutes(deps));
  app.route('/api/analyses', trendsRoutes(deps));
  app.route('/api/sessions', sessionsRoutes(deps));
  app.route('/api/demo-datasets', demoDatasetsRoutes(deps));
  app.route('/api/demo-session', demoSessionRoutes(deps));
  app.route('/api/share-origins', shareOriginsRoutes(deps));
  app.route('/api/access', accessCheckRoutes());
  app.all('/api/*', (c) => c.json({ error: { code: 'not_found', message: `No such endpoint: ${c.req.method} ${c.req.path}.` } }, 404));
  app.get('/', deps.access.ownerLink);
  app.route('/', clientRoutes(deps.config.clientDir, { sceneLab: deps.config.sceneLab }));
  app.notFound((c) => c.json({ error: { code: 'not_found', message: `Nothing at ${c.req.path}.` } }, 404));
  app.onError((error, c) => toErrorResponse(error, c));
  return app;
}
