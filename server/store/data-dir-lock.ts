import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from './atomic-write.ts';

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

/** An embedded server (no REDIS_URL) on a DATA_DIR that servers coordinated through Redis share. */
export class DataDirSharedError extends Error {
  readonly code = 'data_dir_shared';
  constructor(readonly dataDir: string) {
    super(
      `DATA_DIR ${dataDir} is shared by Data Mirage processes coordinated through Redis (its server.lock says "shared"). Start this one with the same REDIS_URL, or set DATA_DIR to another folder. If none of them runs any more (one was killed), delete ${join(dataDir, LOCK_FILE)}.`,
    );
    this.name = 'DataDirSharedError';
  }
}

export interface DataDirLock {
  release(): Promise<void>;
}

const LOCK_FILE = 'server.lock';
/** The claim of processes that share DATA_DIR through Redis (REDIS_URL) instead of one pid. */
const SHARED_CLAIM = 'shared';
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
      if (pidText === SHARED_CLAIM) throw new DataDirSharedError(dir);
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
 * With REDIS_URL, several processes use one DATA_DIR and Redis coordinates them
 * (server/store/shared/shared-claim.ts); the file then says "shared", so that a server started
 * without REDIS_URL on the same folder stops instead of cleaning up under their feet. A folder an
 * embedded server holds (its pid in the file, still running) is refused.
 */
export async function markDataDirShared(dataDir: string): Promise<void> {
  const dir = resolve(dataDir);
  const path = join(dir, LOCK_FILE);
  await mkdir(dir, { recursive: true });
  const [pidText = '', started = ''] = (await readFile(path, 'utf8').catch(() => '')).trim().split(' ');
  if (pidText === SHARED_CLAIM) return;
  const owner = Number.parseInt(pidText, 10);
  if (heldHere.has(dir) || (Number.isInteger(owner) && owner > 0 && owner !== process.pid && (await isRunning(owner, started)))) {
    throw new DataDirLockedError(dir, Number.isInteger(owner) ? owner : process.pid);
  }
  await writeFileAtomic(path, `${SHARED_CLAIM}\n`);
}

/** The last process sharing DATA_DIR has stopped: the folder is free for an embedded server again. */
export async function unmarkDataDirShared(dataDir: string): Promise<void> {
  const path = join(resolve(dataDir), LOCK_FILE);
  const text = (await readFile(path, 'utf8').catch(() => '')).trim();
  if (text === SHARED_CLAIM) await rm(path, { force: true });
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
