import { createHash } from 'node:crypto';
import { access, constants, mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';
import { writeFileAtomic } from '../store/atomic-write.ts';

/**
 * Job workers start from one prebuilt JavaScript file each instead of through tsx. A worker
 * thread does not inherit tsx, so each one used to register it and load its few hundred modules
 * through tsx's loader thread: about a second before an upload of 150 rows could even be read.
 * A single file of plain JavaScript starts in ~0.15 s. The server builds the files with esbuild
 * (what tsx itself compiles TypeScript with) when it starts, in the background: a worker started
 * before its file is ready, or whose file could not be built, goes through tsx as before.
 *
 * Files are kept between runs under node_modules/.cache with the list of sources they were built
 * from (path, size, mtime); a changed source means a new build. Where that folder is not
 * writable (a read-only image), they are built into a private temporary folder for this process.
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

/** module href → the built file, once it is known to match its sources. */
const ready = new Map<string, string>();
let preparing: Promise<void> | null = null;

/** The prebuilt file for a worker module, or null (not built, not yet, or not one of ours). */
export function prebuiltWorker(module: URL): string | null {
  return ready.get(module.href) ?? null;
}

/**
 * Builds (or finds up to date) every job worker's file; resolves when done, never rejects:
 * a worker without its file still starts, only slower. Called once per process.
 */
export function prepareWorkerBundles(): Promise<void> {
  preparing ??= (async () => {
    try {
      const dir = await cacheDir();
      for (const module of PREBUILT) ready.set(module.href, await upToDate(module, dir) ?? (await build(module, dir)));
    } catch (error) {
      console.warn(`Job workers start through tsx (their prebuilt files could not be made: ${error instanceof Error ? error.message : String(error)}).`);
    }
  })();
  return preparing;
}

async function cacheDir(): Promise<string> {
  const shared = join(repoRoot, 'node_modules', '.cache', 'data-mirage-workers');
  try {
    await mkdir(shared, { recursive: true });
    await access(shared, constants.W_OK);
    return shared;
  } catch {
    return mkdtemp(join(tmpdir(), 'data-mirage-workers-'));
  }
}

/** A worker's file-name stem: its path in the checkout, folders joined by `_`. */
const entryName = (module: URL) => relative(repoRoot, fileURLToPath(module)).replace(/[\\/]/g, '_');

export const manifestPath = (module: URL, dir: string) => join(dir, `${entryName(module)}.json`);

/** The built file for `module` in `dir` if every source it was built from is unchanged, else null. */
export async function upToDate(module: URL, dir: string): Promise<string | null> {
  const manifest = await readFile(manifestPath(module, dir), 'utf8').then((text) => JSON.parse(text) as Manifest, () => null);
  if (manifest === null || manifest.root !== repoRoot) return null;
  for (const [path, size, mtimeMs] of manifest.inputs) {
    const now = await stat(path).catch(() => null);
    if (now === null || now.size !== size || now.mtimeMs !== mtimeMs) return null;
  }
  return (await stat(manifest.bundle).catch(() => null)) ? manifest.bundle : null;
}

/** Builds `module` and everything it imports into one file in `dir`, with the list of its sources. */
export async function build(module: URL, dir: string): Promise<string> {
  const esbuild = await import('esbuild');
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
  // Stat'ed after the build: a source saved during it makes the next start build again.
  const inputs: Manifest['inputs'] = [];
  for (const input of Object.keys(result.metafile.inputs)) {
    const path = join(repoRoot, input);
    const now = await stat(path);
    inputs.push([path, now.size, now.mtimeMs]);
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
