import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.ts';
import { DataDirLockedError } from '../../server/store/data-dir-lock.ts';
import { removeDir, startServerChild, startTestServer, tempDataDir, type ServerChild } from '../support/server-process.ts';
import { ownerFetch } from '../support/http.ts';

let dirs: string[] = [];
let running: RunningServer[] = [];
let children: ServerChild[] = [];
let parents: ChildProcess[] = [];

afterEach(async () => {
  // Closing a non-reaping parent's stdin lets it reap its zombie and exit.
  await Promise.all(parents.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : (p.once('exit', r), p.stdin!.end())))));
  parents = [];
  await Promise.all(children.map((c) => c.stop()));
  await Promise.all(running.map((s) => s.close()));
  await Promise.all(dirs.map((d) => removeDir(d)));
  [dirs, running, children] = [[], [], []];
});

async function dir(): Promise<string> {
  const d = await tempDataDir();
  dirs.push(d);
  return d;
}

/** A pid that surely belongs to no running process: one of a child that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * `npm start`'s entry point under a parent that does not reap its children until its stdin
 * closes — as under a container init that never reaps. Perl, because Node and the shells reap
 * on their own. Resolves with the server's pid once the server has claimed DATA_DIR.
 */
async function serverUnderNonReapingParent(data: string): Promise<number> {
  const script = 'my $p = fork(); if (!$p) { exec @ARGV or exit 1 } $| = 1; print "$p\\n"; <STDIN>; waitpid($p, 0);';
  const parent = spawn('perl', ['-e', script, process.execPath, '--import', 'tsx', join(root, 'server/main.ts')], {
    cwd: root,
    env: { ...process.env, PORT: '0', HTTPS_PORT: 'off', HOST: '127.0.0.1', DATA_DIR: data, DEMO: '0' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  parents.push(parent);
  const pid = await new Promise<number>((resolve, reject) => {
    parent.stdout!.once('data', (chunk: Buffer) => resolve(Number.parseInt(chunk.toString(), 10)));
    parent.once('error', reject);
  });
  for (;;) {
    const claim = await readFile(join(data, 'server.lock'), 'utf8').catch(() => '');
    if (Number(claim.split(' ')[0]) === pid && claim.endsWith('\n')) return pid;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Field 3 of /proc/<pid>/stat: R, S, … or Z for a zombie. */
async function procState(pid: number): Promise<string> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] ?? '';
}

describe('one server per DATA_DIR', () => {
  it('refuses a second server on the same folder before it touches anything there', async () => {
    const data = await dir();
    const first = await startTestServer(data);
    running.push(first);
    // An upload in transit of the first server: a second start used to delete uploads/ first.
    await mkdir(join(data, 'uploads'), { recursive: true });
    await writeFile(join(data, 'uploads', 'in-transit.part'), 'half an upload');

    const second = startTestServer(data);
    await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(second).rejects.toThrow(/is in use by another Data Mirage server \(process \d+\)\. Stop it, or set DATA_DIR/);
    expect(await readFile(join(data, 'uploads', 'in-transit.part'), 'utf8')).toBe('half an upload');
    expect(await (await ownerFetch(`${first.url}/api/health`)).json()).toEqual({ ok: true });

    // Closing the first frees the folder for the next one.
    await first.close();
    running = [];
    running.push(await startTestServer(data));
  });

  it('takes over the claim of a server that died without releasing it', async () => {
    const data = await dir();
    await writeFile(join(data, 'server.lock'), `${deadPid()}\n`);
    const server = await startTestServer(data);
    running.push(server);
    expect(Number((await readFile(join(data, 'server.lock'), 'utf8')).split(' ')[0])).toBe(process.pid);
  });

  it('takes over a claim whose pid now belongs to another process (a container restart reuses pids)', async () => {
    const data = await dir();
    // Our parent runs, but it is not the process that wrote this claim: its start time differs.
    await writeFile(join(data, 'server.lock'), `${process.ppid} 1\n`);
    running.push(await startTestServer(data));
    const [pid, started] = (await readFile(join(data, 'server.lock'), 'utf8')).trim().split(' ');
    expect(Number(pid)).toBe(process.pid);
    expect(Number(started)).toBeGreaterThan(1);
  });

  it('takes over the claim of a server killed with SIGKILL that stays a zombie (its parent does not reap it)', async () => {
    const data = await dir();
    const pid = await serverUnderNonReapingParent(data);
    process.kill(pid, 'SIGKILL');
    while ((await procState(pid)) !== 'Z') await new Promise((r) => setTimeout(r, 20));
    // Its pid still answers a signal and its start time still matches the claim: only the state tells.
    expect(() => process.kill(pid, 0)).not.toThrow();

    const server = await startTestServer(data);
    running.push(server);
    expect(Number((await readFile(join(data, 'server.lock'), 'utf8')).split(' ')[0])).toBe(process.pid);
    expect(await (await ownerFetch(`${server.url}/api/health`)).json()).toEqual({ ok: true });
  });

  it('npm start on a folder in use says so in one line and exits 2', async () => {
    const data = await dir();
    children.push(await startServerChild(data));
    const failed = await startServerChild(data).then(
      (started) => (children.push(started), 'started'),
      (error: Error) => error.message,
    );
    expect(failed).toMatch(/^server exited early \(2\): DATA_DIR .* is in use by another Data Mirage server \(process \d+\)/);
    expect(failed).not.toMatch(/\n\s+at /);
  });
});
