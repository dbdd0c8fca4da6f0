import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import { XR_PROFILES_PATH, shippedProfilesList, type ProfilesList } from '../shared/xr-assets.ts';

/** One file of the served profiles: its path under XR_PROFILES_PATH and its bytes. */
export interface ProfileFile {
  path: string;
  bytes: Uint8Array;
}

/**
 * The files of the shipped input profiles, read from the installed @webxr-input-profiles/assets
 * (copied at build time rather than committed: 4.5 MB of binary models stay out of git, and an
 * `npm update` of the package updates them): the trimmed profilesList.json, each profile's JSON
 * and models, and the package's MIT licence.
 */
export function profileFiles(): ProfileFile[] {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('@webxr-input-profiles/assets/package.json'));
  const profiles = join(root, 'dist', 'profiles');
  const full = JSON.parse(readFileSync(join(profiles, 'profilesList.json'), 'utf8')) as ProfilesList;
  const list = shippedProfilesList(full);
  const files: ProfileFile[] = [
    { path: 'profilesList.json', bytes: new TextEncoder().encode(`${JSON.stringify(list, null, 2)}\n`) },
    { path: 'LICENSE.md', bytes: readFileSync(join(root, 'LICENSE.md')) },
  ];
  for (const id of Object.keys(list)) {
    for (const name of readdirSync(join(profiles, id))) {
      if (name === 'profile.json' || name.endsWith('.glb')) files.push({ path: `${id}/${name}`, bytes: readFileSync(join(profiles, id, name)) });
    }
  }
  return files;
}

const TYPES: Record<string, string> = { json: 'application/json', glb: 'model/gltf-binary', md: 'text/markdown; charset=utf-8' };

/**
 * Puts the input profiles into the build at XR_PROFILES_PATH (dist/client/xr-assets/profiles/),
 * where the server's static files and the tests' static server serve them, and serves them from
 * the Vite dev server too.
 */
export function xrInputProfiles(): Plugin {
  let files: Map<string, ProfileFile> | null = null;
  const load = () => (files ??= new Map(profileFiles().map((f) => [f.path, f])));
  return {
    name: 'data-mirage-xr-input-profiles',
    generateBundle() {
      for (const file of load().values()) {
        this.emitFile({ type: 'asset', fileName: `${XR_PROFILES_PATH.slice(1)}${file.path}`, source: file.bytes });
      }
    },
    configureServer(server) {
      server.middlewares.use(XR_PROFILES_PATH, (req, res, next) => {
        const file = load().get(decodeURIComponent((req.url ?? '').split('?')[0].replace(/^\//, '')));
        if (!file) return next();
        res.setHeader('content-type', TYPES[file.path.split('.').pop() ?? ''] ?? 'application/octet-stream');
        res.end(file.bytes);
      });
    },
  };
}
