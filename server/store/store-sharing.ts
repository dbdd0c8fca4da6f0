import { readFileSync, statSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A store on a DATA_DIR that several processes share (REDIS_URL): it tells the others what it
 * changed (they re-read that record from disk), and it revalidates a cached record against its
 * file before using it (RecordFreshness). Without it (the embedded default) a store is the
 * folder's only user and never looks.
 */
export interface StoreSharing {
  /** The record `id` was written or deleted here. */
  changed(id: string): void;
}

/** Leftovers younger than this may be another process's write in flight: only older ones are swept. */
export const SHARED_TEMP_MAX_AGE_MS = 60 * 60 * 1000;

/**
 * Revalidation of cached records on a shared DATA_DIR: before a cached record is used, its file is
 * looked at (one stat, no read): absent → the record is gone (another process deleted it); another
 * file than the one read (records are replaced by an atomic rename: a new inode) or another mtime or
 * size → read it again. Events (server/store/shared/store-events.ts) only add what this cannot see:
 * records this process never asked for, for listings.
 */
export class RecordFreshness {
  private readonly seen = new Map<string, string>();

  /** 'same': the cached record is current; 'gone': delete it; otherwise the record as now on disk. */
  check<T>(id: string, path: string, cached: boolean): { kind: 'same' } | { kind: 'gone' } | { kind: 'changed'; record: T } {
    const info = statSync(path, { throwIfNoEntry: false });
    if (!info) {
      this.seen.delete(id);
      return { kind: 'gone' };
    }
    const version = `${info.ino}:${info.mtimeMs}:${info.size}`;
    if (cached && this.seen.get(id) === version) return { kind: 'same' };
    let record: T;
    try {
      record = JSON.parse(readFileSync(path, 'utf8')) as T;
    } catch {
      // Unreadable (a disk error): keep what this process last knew rather than fail the request.
      return cached ? { kind: 'same' } : { kind: 'gone' };
    }
    this.seen.set(id, version);
    return { kind: 'changed', record };
  }
}

/**
 * Removes the entries of `dir` that `isTemp` names: all of them when this process is the folder's
 * only user, only those untouched for SHARED_TEMP_MAX_AGE_MS on a shared folder (a younger one may
 * be an import or a result another process is writing right now).
 */
export async function sweepTemp(dir: string, isTemp: (entry: string) => boolean, shared: boolean): Promise<void> {
  for (const entry of await readdir(dir).catch(() => [])) {
    if (!isTemp(entry)) continue;
    const path = join(dir, entry);
    if (shared) {
      const info = await stat(path).catch(() => null);
      if (!info || Date.now() - info.mtimeMs < SHARED_TEMP_MAX_AGE_MS) continue;
    }
    await rm(path, { recursive: true, force: true });
  }
}
