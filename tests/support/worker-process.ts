import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface WorkerChild {
  child: ChildProcess;
  pid: number;
  output: () => string;
  /** SIGKILL: its jobs stall and are retried on another worker. */
  kill(): Promise<void>;
  /** SIGTERM: it finishes its jobs, then leaves. */
  stop(): Promise<void>;
}

/** `npm run worker`'s entry point in a child process, on the given Redis and shared DATA_DIR. */
export function startWorkerChild(redisUrl: string, dataDir: string, env: Record<string, string> = {}): Promise<WorkerChild> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/worker.ts')], {
      cwd: root,
      env: { ...process.env, REDIS_URL: redisUrl, DATA_DIR: dataDir, WORKER_CONCURRENCY: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let started = false;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!started && /is ready/.test(out)) {
        started = true;
        resolve({
          child,
          pid: child.pid!,
          output: () => out,
          async kill() {
            child.kill('SIGKILL');
            await exited;
          },
          async stop() {
            if (child.exitCode !== null || child.signalCode !== null) return;
            child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => {
      if (!started) reject(new Error(`worker exited early (${code}): ${out}`));
    });
  });
}
