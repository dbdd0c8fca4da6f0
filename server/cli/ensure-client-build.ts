import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm start` runs this first: builds the client with Vite when dist/client is missing or older
 * than any client, shared or build-plugin source, so a fresh checkout serves the page and a second start
 * does not rebuild. SKIP_CLIENT_BUILD=1 skips it (the Docker image is built ahead).
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const built = join(root, 'dist/client/index.html');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

if (process.env.SKIP_CLIENT_BUILD !== '1') {
  const sources = Math.max(
    newestMtime(join(root, 'client')),
    newestMtime(join(root, 'shared')),
    newestMtime(join(root, 'build')),
    statSync(join(root, 'vite.config.ts')).mtimeMs,
  );
  if (!existsSync(built) || statSync(built).mtimeMs < sources) {
    console.log('Building the client (vite build)…');
    const result = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}
