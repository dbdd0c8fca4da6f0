import { createHash } from 'node:crypto';
import { access, constants, mkdir, mkdtemp, readdir, readFile, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Stats } from 'node:fs';
import type { Plugin } from 'esbuild';
import { writeFileAtomic } from '../store/atomic-write.ts';

/**
 * Job workers start from one prebuilt JavaScript file each instead of through tsx. A worker
 * thread does not inherit tsx, so each one used to register it and load its few hundred modules
 * through tsx's loader thread: about a second before an upload of 150 rows could even be read.
 * A single file of plain JavaScript starts in ~0.15 s. The server builds the files with esbuild
 * (what tsx itself compiles TypeScript with) as it starts, before it listens (~1 s the first
 * time, ~0.05 s to find them up to date); a worker whose file could not be built, or has since
 * gone, goes through tsx as before (worker-bootstrap.mjs).
 *
 * Files are kept between runs under node_modules/.cache with the list of sources they were built
 * from (path, size, mtime; this file and esbuild's own among them); a changed source means a new
 * build. Where that folder is not writable (the Docker image runs as an unprivileged user), they
 * go to a folder of this user's own under the system's temporary folder.
 */

/** The job workers built ahead, as spawnTsWorker is given them. */
const PREBUILT = ['./ingest-worker.ts', './analysis-worker.ts', './compare-worker.ts', './quality-worker.ts', './report-worker.ts'].map((p) => new URL(p, import.meta.url));
// Not the lockstep helper (reduce/lockstep-helper.ts): it imports its kernel by a URL only known
// at run time, which a bundle cannot resolve, and it starts while the main thread works anyway.

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

interface Manifest {
  /** The checkout it was built in: its own sources and assets are found there by absolute path. */
  root: string;
  bundle: string;
  inputs: [path: string, size: number, mtimeMs: number][];
}

/** module href → the built file's URL, once it is known to match its sources. */
const ready = new Map<string, string>();
let preparing: Promise<void> | null = null;

/** The prebuilt file for a worker module, or null (not built, not yet, or not one of ours). */
export function prebuiltWorker(module: URL): string | null {
  return ready.get(module.href) ?? null;
}

/** How many of the job workers have their prebuilt file, of how many. */
export function prebuiltWorkerCount(): { ready: number; of: number } {
  return { ready: ready.size, of: PREBUILT.length };
}

/**
 * Builds (or finds up to date) every job worker's file; resolves when done, never rejects:
 * a worker without its file still starts, only slower. Called once per process.
 */
export function prepareWorkerBundles(): Promise<void> {
  preparing ??= (async () => {
    try {
      const dir = await cacheDir();
      // The five share most of their sources: each is stat'ed once.
      const look = memoStat();
      for (const module of PREBUILT) {
        // Builds made ahead (the Docker image) are used even where this user may not write there.
        const found = (await upToDate(module, SHARED_DIR, look)) ?? (dir === SHARED_DIR ? null : await upToDate(module, dir, look));
        ready.set(module.href, pathToFileURL(found ?? (await build(module, dir))).href);
      }
    } catch (error) {
      console.warn(`Job workers start through tsx (their prebuilt files could not be made: ${error instanceof Error ? error.message : String(error)}).`);
    }
  })();
  return preparing;
}

const SHARED_DIR = join(repoRoot, 'node_modules', '.cache', 'data-mirage-workers');

/** Where this process writes its builds: beside the dependencies, else a folder of this user's own. */
async function cacheDir(): Promise<string> {
  try {
    await mkdir(SHARED_DIR, { recursive: true });
    await access(SHARED_DIR, constants.W_OK);
    return SHARED_DIR;
  } catch {
    // Kept across restarts, and only if it is ours alone: another user's folder of that name
    // could hold code we would run.
    const own = join(tmpdir(), `data-mirage-workers-${process.getuid?.() ?? 'user'}`);
    await mkdir(own, { recursive: true, mode: 0o700 });
    const found = await stat(own);
    if (found.uid !== (process.getuid?.() ?? found.uid) || (found.mode & 0o077) !== 0) return mkdtemp(join(tmpdir(), 'data-mirage-workers-'));
    return own;
  }
}

type StatOf = (path: string) => Promise<Stats | null>;

/** stat, each path once (null: missing). */
function memoStat(): StatOf {
  const seen = new Map<string, Promise<Stats | null>>();
  return (path) => {
    let found = seen.get(path);
    if (!found) seen.set(path, (found = stat(path).catch(() => null)));
    return found;
  };
}

/** A worker's file-name stem: its path in the checkout, folders joined by `_`. */
const entryName = (module: URL) => relative(repoRoot, fileURLToPath(module)).replace(/[\\/]/g, '_');

export const manifestPath = (module: URL, dir: string) => join(dir, `${entryName(module)}.json`);

/** The built file for `module` in `dir` if every source it was built from is unchanged, else null. */
export async function upToDate(module: URL, dir: string, look: StatOf = memoStat()): Promise<string | null> {
  const manifest = await readFile(manifestPath(module, dir), 'utf8').then((text) => JSON.parse(text) as Manifest, () => null);
  if (manifest === null || manifest.root !== repoRoot) return null;
  const found = await Promise.all(manifest.inputs.map(([path]) => look(path)));
  if (manifest.inputs.some(([, size, mtimeMs], i) => found[i]?.size !== size || found[i]?.mtimeMs !== mtimeMs)) return null;
  // Touched: another process's clean-up (removeOldBuilds) goes by when a build was last used
  // (a read-only build made ahead is never cleaned up, so it need not be).
  const now = new Date();
  await utimes(manifest.bundle, now, now).catch(() => {});
  return (await stat(manifest.bundle).catch(() => null)) ? manifest.bundle : null;
}

/** Builds `module` and everything it imports into one file in `dir`, with the list of its sources. */
export async function build(module: URL, dir: string): Promise<string> {
  const esbuild = await import('esbuild');
  const began = Date.now();
  const result = await esbuild.build({
    entryPoints: [fileURLToPath(module)],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    metafile: true,
    absWorkingDir: repoRoot,
    logLevel: 'silent',
    // CommonJS packages inside an ES module still call require() for Node's own modules.
    banner: { js: `import { createRequire as __mirageRequire } from 'node:module'; const require = __mirageRequire(${META_URL});` },
    plugins: [keepModuleUrls],
  });
  const code = result.outputFiles[0].contents;
  const name = entryName(module);
  const bundle = join(dir, `${name}-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  await writeFileAtomic(bundle, code);
  const inputs: Manifest['inputs'] = [];
  // How it is built is an input too: this file (options, plugin), esbuild's version, tsconfig.
  const built = [...Object.keys(result.metafile.inputs).map((input) => join(repoRoot, input)), fileURLToPath(import.meta.url), join(repoRoot, 'node_modules', 'esbuild', 'package.json'), join(repoRoot, 'tsconfig.json')];
  for (const path of new Set(built)) {
    const now = await stat(path).catch(() => null);
    if (now === null) continue; // esbuild laid out elsewhere: its version is then not checked
    // Saved while esbuild ran: the bundle may hold the older text, so the next start builds again.
    inputs.push([path, now.size, now.mtimeMs >= began ? -1 : now.mtimeMs]);
  }
  await writeFileAtomic(manifestPath(module, dir), JSON.stringify({ root: repoRoot, bundle, inputs } satisfies Manifest));
  await removeOldBuilds(dir, name, bundle);
  return bundle;
}

/** A file this old has been replaced long enough ago that no worker is still about to load it. */
const OLD_BUILD_MS = 60 * 60 * 1000;

/** Earlier builds of the same worker, once they are an hour old: every edit of a source makes one. */
async function removeOldBuilds(dir: string, name: string, current: string): Promise<void> {
  for (const file of await readdir(dir)) {
    const path = join(dir, file);
    if (path === current || !file.startsWith(`${name}-`) || !file.endsWith('.mjs')) continue;
    const built = await stat(path).catch(() => null);
    if (built !== null && Date.now() - built.mtimeMs > OLD_BUILD_MS) await rm(path, { force: true });
  }
}

/** Spelt in pieces: keepModuleUrls rewrites the whole word in every source it bundles, this one included. */
const META_URL = ['import', 'meta', 'url'].join('.');

/**
 * Each of our modules keeps its own import.meta.url: `new URL('./x', import.meta.url)` finds
 * files (assets, other workers) beside the source, not beside the bundle.
 */
const keepModuleUrls: Plugin = {
  name: 'keep-module-urls',
  setup(b) {
    const ours = [join(repoRoot, 'server'), join(repoRoot, 'shared')].map((d) => d + sep);
    b.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      if (!ours.some((d) => path.startsWith(d))) return undefined;
      return { contents: (await readFile(path, 'utf8')).replaceAll(META_URL, JSON.stringify(pathToFileURL(path).href)), loader: 'ts' };
    });
  },
};
