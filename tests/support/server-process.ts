import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULTS, type ServerConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/server.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The owner token every test server starts with (OWNER_TOKEN): API helpers in http.ts send it,
 * browser tests open `/?token=` with it (ownerLink) to get the owner cookie.
 */
export const TEST_OWNER_TOKEN = 'test-owner-token-0123456789abcdef';

/** The start-page link that gives a browser the owner cookie, as printed by `npm start`. */
export function ownerLink(baseUrl: string): string {
  return `${baseUrl}/?token=${TEST_OWNER_TOKEN}`;
}

export async function tempDataDir(prefix = 'mirage-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** The real server in this process on a free port, with its own DATA_DIR and no demo. */
export async function startTestServer(dataDir: string, overrides: Partial<ServerConfig> = {}): Promise<RunningServer> {
  return startServer({
    ...DEFAULTS,
    port: 0,
    // HTTPS only where a test asks for it (httpsPort: 0): the others need neither a certificate nor 8443.
    httpsPort: null,
    host: '127.0.0.1',
    dataDir,
    demo: false,
    concurrency: 1,
    clientDir: join(root, 'dist/client'),
    ownerToken: TEST_OWNER_TOKEN,
    ...overrides,
  });
}

export interface ServerChild {
  url: string;
  /** The HTTPS address from the same startup line (`serving http://… and https://…`); null when off. */
  httpsUrl: string | null;
  child: ChildProcess;
  output: () => string;
  /** SIGKILL: no shutdown hook runs, as in a crash or power loss. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** `npm start`'s entry point in a child process (what SIGKILL tests kill). */
export function startServerChild(dataDir: string, env: Record<string, string> = {}): Promise<ServerChild> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/main.ts')], {
      cwd: root,
      env: { ...process.env, PORT: '0', HTTPS_PORT: 'off', HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO: '0', OWNER_TOKEN: TEST_OWNER_TOKEN, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let started = false;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /serving (http:\/\/[^\s]+)(?: and (https:\/\/[^\s]+))?/.exec(out);
      if (match && !started) {
        started = true;
        resolve({
          url: match[1],
          httpsUrl: match[2] ?? null,
          child,
          output: () => out,
          async kill() {
            child.kill('SIGKILL');
            await exited;
          },
          async stop() {
            child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => {
      if (!started) reject(new Error(`server exited early (${code}): ${out}`));
    });
  });
}
