import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tempDataDir, removeDir } from './server-process.ts';

/** Debian's redis-server (the package `.ci/run` installs). Tests that need it are skipped without it. */
export const REDIS_SERVER_BINARY = '/usr/bin/redis-server';
export const hasRedisServer = existsSync(REDIS_SERVER_BINARY);
/** The sentence a skipped test shows. */
export const NO_REDIS_SERVER = `skipped: ${REDIS_SERVER_BINARY} is not installed (apt-get install -y redis-server); these tests need a real Redis and are never faked`;

export interface RedisServer {
  url: string;
  port: number;
  pid: number;
  /** Stops it by its pid (SIGTERM, then SIGKILL after 5 s) and removes its temp dir. */
  stop(): Promise<void>;
}

/**
 * A real redis-server on a free loopback port with its own temp dir, configured as BullMQ needs
 * (`maxmemory-policy noeviction`), with AOF on as our docs advise, and no RDB snapshots.
 */
export async function startRedisServer(): Promise<RedisServer> {
  const dir = await tempDataDir('mirage-redis-');
  const port = await freePort();
  const child = spawn(REDIS_SERVER_BINARY, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--maxmemory-policy', 'noeviction', '--protected-mode', 'yes'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('redis-server did not start');
  await readyLine(child, /Ready to accept connections/);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid,
    async stop() {
      process.kill(pid, 'SIGTERM');
      const timer = setTimeout(() => process.kill(pid, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      await removeDir(dir);
    },
  };
}

function readyLine(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not get ready: ${out}`)), 15_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (pattern.test(out)) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code}): ${out}`));
    });
  });
}

/** A port the OS just handed out on loopback (closed again before redis-server binds it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
