import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestReply, IngestRequest } from '../../../server/jobs/ingest-protocol.ts';
import { build, manifestPath, upToDate } from '../../../server/jobs/worker-bundles.ts';
import { assetPath } from '../../support/assets.ts';
import { removeDir, tempDataDir } from '../../support/server-process.ts';

/**
 * Job workers started from their prebuilt single file (no tsx in the thread) must do exactly what
 * the TypeScript source does, find the files their sources name beside themselves, and be
 * rebuilt once a source changes.
 */
const INGEST = new URL('../../../server/jobs/ingest-worker.ts', import.meta.url);
const ANALYSIS = new URL('../../../server/jobs/analysis-worker.ts', import.meta.url);
const BOOTSTRAP = new URL('../../../server/jobs/worker-bootstrap.mjs', import.meta.url);

let dir: string;
let ingestBundle: string;

beforeAll(async () => {
  dir = await tempDataDir('mirage-worker-bundles-');
  ingestBundle = await build(INGEST, dir);
}, 60_000);
afterAll(async () => {
  await removeDir(dir);
});

/** One ingest of `file` on a worker thread through the bootstrap, from the prebuilt file or through tsx. */
async function ingestOnThread(file: string, targetDir: string, prebuilt: string | null): Promise<IngestReply> {
  await mkdir(targetDir, { recursive: true });
  const request: IngestRequest = { path: file, contentType: 'application/json', fileName: 'penguins.json', bytes: (await stat(file)).size, name: 'penguins', targetDir, id: 'ds-bundle-test', maxRows: 1_000_000, maxColumns: 500 };
  const worker = new Worker(BOOTSTRAP, { workerData: { request, __module: INGEST.href, ...(prebuilt ? { __prebuilt: pathToFileURL(prebuilt).href } : {}) } });
  try {
    return await new Promise<IngestReply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the worker exited (${code}) without an answer`)));
    });
  } finally {
    await worker.terminate();
  }
}

describe('prebuilt job workers', () => {
  it('an upload read from the prebuilt file gives the same description and the same column files as the TypeScript source', async () => {
    const file = assetPath('penguins');
    const [fromBundle, fromSource] = [join(dir, 'bundle-out'), join(dir, 'source-out')];
    const viaBundle = await ingestOnThread(file, fromBundle, ingestBundle);
    const viaSource = await ingestOnThread(file, fromSource, null);
    if (!viaBundle.ok || !viaSource.ok) throw new Error(`an ingest failed: ${JSON.stringify([viaBundle, viaSource])}`);
    // The moment of the import is the one thing that may differ.
    const stamps = [viaBundle.detail.createdAt, viaSource.detail.createdAt];
    const unstamped = (text: string) => stamps.reduce((t, s) => t.replaceAll(s, '<createdAt>'), text);
    expect(unstamped(JSON.stringify(viaBundle))).toBe(unstamped(JSON.stringify(viaSource)));
    const files = (await readdir(fromSource)).sort();
    expect(files.length).toBeGreaterThan(3);
    expect((await readdir(fromBundle)).sort()).toEqual(files);
    for (const name of files) {
      const [a, b] = await Promise.all([readFile(join(fromBundle, name)), readFile(join(fromSource, name))]);
      if (name.endsWith('.json')) expect(unstamped(a.toString('utf8')), name).toBe(unstamped(b.toString('utf8')));
      else expect(a.equals(b), name).toBe(true);
    }
  }, 60_000);

  it('a job whose prebuilt file has gone (cleaned up by another process) runs through tsx instead', async () => {
    const reply = await ingestOnThread(assetPath('penguins'), join(dir, 'fallback-out'), join(dir, 'removed-build.mjs'));
    expect(reply.ok, JSON.stringify(reply)).toBe(true);
    expect(reply.ok && reply.detail.rowCount).toBe(344);
  }, 60_000);

  it('keeps each source’s own URL: what a module names beside itself is found beside its source', async () => {
    const bundle = await readFile(await build(ANALYSIS, dir), 'utf8');
    // The analysis worker starts helper threads by URLs relative to the modules that start them.
    const named = [...bundle.matchAll(/new URL\("(\.{1,2}\/[^"]+)", "(file:[^"]+)"\)/g)].map((m) => fileURLToPath(new URL(m[1], m[2])));
    expect(named).toEqual(expect.arrayContaining([expect.stringMatching(/lockstep-worker\.ts$/), expect.stringMatching(/worker-bootstrap\.mjs$/)]));
    for (const path of named) expect(existsSync(path), path).toBe(true);
    // No module's URL is left to mean the bundle's own (only the banner's require() uses it).
    expect(bundle.split('import.meta.url').length - 1).toBe(1);
  }, 60_000);

  it('is rebuilt when a source it was built from changed, moved or went missing', async () => {
    expect(await upToDate(INGEST, dir)).toBe(ingestBundle);
    const path = manifestPath(INGEST, dir);
    const manifest = JSON.parse(await readFile(path, 'utf8')) as { root: string; bundle: string; inputs: [string, number, number][] };
    expect(manifest.inputs.map(([p]) => p)).toContain(fileURLToPath(INGEST));
    const write = (m: typeof manifest) => writeFile(path, JSON.stringify(m));
    const [first, ...rest] = manifest.inputs;
    await write({ ...manifest, inputs: [[first[0], first[1], first[2] - 1000], ...rest] });
    expect(await upToDate(INGEST, dir)).toBeNull();
    await write({ ...manifest, inputs: [[first[0], first[1] + 1, first[2]], ...rest] });
    expect(await upToDate(INGEST, dir)).toBeNull();
    await write({ ...manifest, inputs: [...manifest.inputs, [join(dir, 'gone.ts'), 1, 1]] });
    expect(await upToDate(INGEST, dir)).toBeNull();
    await write({ ...manifest, root: join(dir, 'another-checkout') + '/' });
    expect(await upToDate(INGEST, dir)).toBeNull();
    await write(manifest);
    expect(await upToDate(INGEST, dir)).toBe(ingestBundle);
  });

  it('npm run prebuild-workers builds all five ahead, and a later start finds them up to date', async () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/prebuild-workers.ts'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('5 job workers built ahead');
    const shared = join(root, 'node_modules', '.cache', 'data-mirage-workers');
    for (const module of [INGEST, ANALYSIS]) expect(await upToDate(module, shared)).toMatch(/\.mjs$/);
  }, 60_000);

  it('a new build removes the same worker’s builds over an hour old, and no other file', async () => {
    const quality = new URL('../../../server/jobs/quality-worker.ts', import.meta.url);
    const stem = manifestPath(quality, dir).replace(/\.json$/, '');
    const [old, recent, other] = [`${stem}-0000000000000000.mjs`, `${stem}-1111111111111111.mjs`, join(dir, 'not-a-build-0000.mjs')];
    for (const path of [old, recent, other]) await writeFile(path, '// an earlier build\n');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    for (const path of [old, other]) await utimes(path, twoHoursAgo, twoHoursAgo);
    const current = await build(quality, dir);
    expect(existsSync(current)).toBe(true);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    expect(existsSync(other)).toBe(true);
    expect(existsSync(ingestBundle)).toBe(true);
  }, 60_000);
});
