import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { xrInputProfiles } from './build/xr-input-profiles.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// The API server the dev server forwards to (`npm start` listens there); tests and production
// serve dist/client from the real server or a static server and never need the dev server.
const api = process.env.DATA_MIRAGE_API ?? 'http://localhost:8787';

export default defineConfig({
  root: here('./client'),
  // The WebXR controller and hand profiles ship with the app (no internet in a workshop room).
  plugins: [react(), xrInputProfiles()],
  build: {
    outDir: here('./dist/client'),
    emptyOutDir: true,
    target: 'es2022',
    // three + r3f make one big chunk; that is expected, not a warning worth reading.
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      input: {
        index: here('./client/index.html'),
        'scene-lab': here('./client/scene-lab/index.html'),
      },
    },
  },
  worker: { format: 'es' },
  server: {
    proxy: {
      '/api': api,
      '/yjs': { target: api.replace(/^http/, 'ws'), ws: true },
    },
  },
});
