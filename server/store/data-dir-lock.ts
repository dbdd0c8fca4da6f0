import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** A second server on the same DATA_DIR: it must stop before touching anything. */
export class DataDirLockedError extends Error {
  readonly code = 'data_dir_locked';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`DATA_DIR ${dataDir} is in use by another Data Mirage server (process ${pid}). Stop it, or set DATA_DIR to another folder.`);
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  release(): Promise<void>;
}

const LOCK_FILE = 'server.lock';
/** Directories this process holds: the pid in the file cannot tell a double start from a restart. */
const heldHere = new Set<string>();

/**
 * Claims DATA_DIR for this server before it cleans up uploads, temp results or resumes jobs —
 * steps that would wreck a server already running on the same folder. The claim is a file with
 * our pid and start time, created exclusively; one left by a process that no longer runs (a
 * crash, a container restart that reuses pid numbers) is taken over.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const dir = resolve(dataDir);
  const path = join(dir, LOCK_FILE);
  await mkdir(dir, { recursive: true });
  for (let attempt = 0; ; attempt++) {
    if (heldHere.has(dir)) throw new DataDirLockedError(dir, process.pid);
    try {
      const handle = await open(path, 'wx');
      try {
        await handle.writeFile(`${process.pid} ${(await startTimeOf(process.pid)) ?? ''}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      heldHere.add(dir);
      return {
        async release() {
          if (!heldHere.delete(dir)) return;
          await rm(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const [pidText = '', started = ''] = (await readFile(path, 'utf8').catch(() => '')).trim().split(' ');
      const owner = Number.parseInt(pidText, 10);
      const alive = Number.isInteger(owner) && owner > 0 && owner !== process.pid && (await isRunning(owner, started));
      // A second EEXIST: another server claimed it between our take-over and our create.
      if (alive || attempt > 0) throw new DataDirLockedError(dir, owner);
      // Stale (or unreadable, e.g. torn by a crash between create and write): take it over.
      await rm(path, { force: true });
    }
  }
}

/**
 * Whether the process that wrote the claim still runs. A pid alone can be reused (in a
 * container restarted with the same command, the old server's pid may now be npm's or the
 * shell's), so where Linux tells process start times, the start time must match too. A zombie
 * (a server killed with SIGKILL whose parent never reaps it, as under an init that does not
 * reap) keeps its pid and start time but runs no more: it holds nothing.
 */
async function isRunning(pid: number, started: string): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to another user — still running.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = await procStat(pid);
  if (stat === null) return true; // no /proc (not Linux): the pid answering is all we can know
  if (stat.state === 'Z' || stat.state === 'X') return false;
  return !started || stat.started === started;
}

async function startTimeOf(pid: number): Promise<string | null> {
  return (await procStat(pid))?.started ?? null;
}

/** State (field 3) and start time in clock ticks since boot (field 22) of /proc/<pid>/stat, or null. */
async function procStat(pid: number): Promise<{ state: string; started: string } | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (stat === null) return null;
  // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const [state, started] = [fields[0], fields[19]];
  return state === undefined || started === undefined ? null : { state, started };
}
