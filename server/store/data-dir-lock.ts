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
 * our pid, created exclusively; one left by a process that no longer runs (a crash, a container
 * restart that reuses pid numbers) is taken over.
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
        await handle.writeFile(`${process.pid}\n`);
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
      const owner = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
      const alive = Number.isInteger(owner) && owner > 0 && owner !== process.pid && isRunning(owner);
      // A second EEXIST: another server claimed it between our take-over and our create.
      if (alive || attempt > 0) throw new DataDirLockedError(dir, owner);
      // Stale (or unreadable, e.g. torn by a crash between create and write): take it over.
      await rm(path, { force: true });
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user — still running.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
