import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/**
 * A real redis-server (Debian's package; `.ci/run` installs it) on a free loopback port with a
 * temp dir, configured as the room store requires (AOF, fsync on every write, no eviction).
 * Tests that need it are skipped with REDIS_MISSING when the binary is not there, never faked.
 */
export const REDIS_BINARY = findRedisServer();
export const REDIS_MISSING = REDIS_BINARY === null ? 'skipped: redis-server is not installed (apt-get install redis-server)' : null;

export interface RedisServer {
  url: string;
  port: number;
  dir: string;
  pid: number;
  /** SIGKILL, as in a crash: what was acknowledged is in the AOF. */
  kill(): Promise<void>;
  /** Starts it again on the same port and dir (after kill or stop): it reloads the AOF. */
  restart(): Promise<void>;
  /** SIGTERM and removes the dir. */
  stop(): Promise<void>;
}

function findRedisServer(): string | null {
  for (const dir of ['/usr/bin', ...(process.env.PATH ?? '').split(delimiter)]) {
    const path = join(dir, 'redis-server');
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here
    }
  }
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function launch(port: number, dir: string, extra: string[]): Promise<ChildProcess> {
  if (REDIS_BINARY === null) throw new Error(REDIS_MISSING ?? 'redis-server missing');
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--maxmemory-policy', 'noeviction', ...extra];
  const child = spawn(REDIS_BINARY, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      if (out.includes('Ready to accept connections')) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}) before it was ready: ${out.slice(-500)}`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** `extra`: further redis-server arguments (e.g. a weaker setting a test wants refused). */
export async function startRedisServer(extra: string[] = []): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'mirage-redis-'));
  const port = await freePort();
  let child = await launch(port, dir, extra);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    get pid() {
      return child.pid ?? -1;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
    async restart() {
      child = await launch(port, dir, extra);
    },
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
