import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import type { CollabChild } from './collab-child.ts';

/**
 * The stock y-websocket server (@y/websocket-server, its own `y-websocket-server` bin, run as
 * shipped: in-memory documents, no auth, no persistence) in a child process on a free loopback
 * port: the benchmark's baseline beside our collaboration server. It takes its address from
 * HOST/PORT and names documents by the URL path, so stock clients connect to it unchanged.
 */
const require = createRequire(import.meta.url);

const manifestPath = require.resolve('@y/websocket-server/package.json');
const manifest = require(manifestPath) as { version: string; bin: Record<string, string> };

/** The installed version, for the benchmark's label. */
export const STOCK_SERVER_VERSION = manifest.version;

/** A port nobody listens on right now (the stock server cannot be told to pick one and say which). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export async function startStockCollabChild(): Promise<CollabChild> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(dirname(manifestPath), manifest.bin['y-websocket-server'])], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return new Promise((resolve, reject) => {
    let out = '';
    const collect = (chunk: Buffer) => {
      out += chunk.toString();
      // It prints "running at '127.0.0.1' on port N" once it listens.
      if (!out.includes('running at')) return;
      resolve({
        child,
        port,
        wsBase: `ws://127.0.0.1:${port}/yjs`,
        async kill() {
          child.kill('SIGKILL');
          await exited;
        },
      });
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`stock y-websocket server exited early with ${code}: ${out}`)));
  });
}
