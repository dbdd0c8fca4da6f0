import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Shared by every e2e test: build the client once, serve it, launch Debian's Chromium
 * (WebGL2 through SwiftShader when there is no GPU) and read screenshots back as pixels.
 */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const clientDist = join(repoRoot, 'dist', 'client');
export const screenshotDir = join(repoRoot, 'tests', 'e2e', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** How the test browser renders: `msaa: false` turns WebGL's multisampling off in every page. */
export interface BrowserOptions {
  msaa?: boolean;
}

export async function launchBrowser({ msaa = true }: BrowserOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
      ...(msaa ? [] : ['--webgl-msaa-sample-count=0']),
    ],
  });
}

/** Opens a page and fails the test on uncaught page errors (console errors are collected). */
export async function openPage(browser: Browser, url: string, width = 1000, height = 700): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(url);
  return { page, errors };
}

async function newestMtime(path: string): Promise<number> {
  const s = await stat(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const entry of await readdir(path)) newest = Math.max(newest, await newestMtime(join(path, entry)));
  return newest;
}

/**
 * Builds client/ into `outDir` (default dist/client) unless that build is newer than every
 * source it comes from. A lock directory keeps parallel test files from building over each
 * other. Long runs that must not see a rebuild mid-way (benchmarks) pass their own outDir.
 */
export async function ensureClientBuild(outDir = clientDist): Promise<string> {
  const stamp = join(outDir, '.build-stamp');
  const lock = `${outDir}.build-lock`;
  const sources = async () =>
    Math.max(
      await newestMtime(join(repoRoot, 'client')),
      await newestMtime(join(repoRoot, 'shared')),
      await newestMtime(join(repoRoot, 'build')),
      await newestMtime(join(repoRoot, 'vite.config.ts')),
    );
  const fresh = async () => {
    try {
      return (await stat(stamp)).mtimeMs > (await sources());
    } catch {
      return false;
    }
  };
  await mkdir(dirname(outDir), { recursive: true });
  for (;;) {
    if (await fresh()) return outDir;
    try {
      await mkdir(lock);
      break;
    } catch {
      const age = Date.now() - (await stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > 180_000) await rm(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (!(await fresh())) {
      const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
      await new Promise<void>((ok, fail) => {
        const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn', '--outDir', outDir], {
          cwd: repoRoot,
          // vitest sets NODE_ENV=test, which Vite would build a development React with: test the bundle users get.
          env: { ...process.env, NODE_ENV: 'production' },
          stdio: ['ignore', 'inherit', 'inherit'],
        });
        child.on('error', fail);
        child.on('close', (code) => (code === 0 ? ok() : fail(new Error(`vite build exited with ${code}`))));
      });
      await writeFile(stamp, new Date().toISOString());
    }
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
  return outDir;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

/** Serves a directory on a free localhost port (localhost, not 127.0.0.1: WebXR emulation wants it). */
export async function serveDirectory(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      await stat(file);
    } catch {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, 'localhost', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, row-major. */
  data: Uint8Array;
}

/** Screenshot of the page, saved under tests/e2e/screenshots/<name>.png and decoded. */
export async function screenshotPixels(page: Page, name: string): Promise<Pixels> {
  await mkdir(screenshotDir, { recursive: true });
  const png = await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
  return decodePng(png);
}

/** Decodes the 8-bit, non-interlaced RGB / RGBA PNGs that Chromium writes. */
export function decodePng(buf: Buffer): Pixels {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('ascii', pos + 4, pos + 8);
    const body = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const depth = body[8];
      const colour = body[9];
      if (depth !== 8 || body[12] !== 0 || (colour !== 2 && colour !== 6)) throw new Error(`unsupported PNG (depth ${depth}, colour ${colour})`);
      channels = colour === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(width * height * 4);
  const prev = new Uint8Array(stride);
  const cur = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? cur[i - channels] : 0;
      const b = prev[i];
      const c = i >= channels ? prev[i - channels] : 0;
      let v = line[i];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      cur[i] = v & 255;
    }
    for (let x = 0; x < width; x++) {
      out[(y * width + x) * 4] = cur[x * channels];
      out[(y * width + x) * 4 + 1] = cur[x * channels + 1];
      out[(y * width + x) * 4 + 2] = cur[x * channels + 2];
      out[(y * width + x) * 4 + 3] = channels === 4 ? cur[x * channels + 3] : 255;
    }
    prev.set(cur);
  }
  return { width, height, data: out };
}
