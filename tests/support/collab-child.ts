import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Starts collab-server-process.ts in a child process and resolves with its port. */
export interface CollabChild {
  child: ChildProcess;
  port: number;
  wsBase: string;
  /** kill -9, resolved once the process is gone. */
  kill(): Promise<void>;
}

const script = fileURLToPath(new URL('./collab-server-process.ts', import.meta.url));

export function startCollabChild(
  dataDir: string,
  sessionId: string,
  edit: string,
  view: string,
  serverScript: string = script,
  env: Record<string, string> = {},
): Promise<CollabChild> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', serverScript, dataDir, sessionId, edit, view], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...env },
    });
    let out = '';
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.once('error', reject);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      const { port } = JSON.parse(line) as { port: number };
      resolve({
        child,
        port,
        wsBase: `ws://127.0.0.1:${port}/yjs`,
        async kill() {
          child.kill('SIGKILL');
          await exited;
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`collab child exited early with ${code}: ${out}`)));
  });
}
