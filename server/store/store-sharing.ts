import { readFileSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A store on a DATA_DIR that several processes share (REDIS_URL): it tells the others what it
 * changed (they re-read that record from disk), and it reads a record it has not seen from disk
 * on a miss. Without it (the embedded default) a store is the folder's only user and never looks.
 */
export interface StoreSharing {
  /** The record `id` was written or deleted here. */
  changed(id: string): void;
}

/** Leftovers younger than this may be another process's write in flight: only older ones are swept. */
export const SHARED_TEMP_MAX_AGE_MS = 60 * 60 * 1000;

/** A record's JSON file read on a cache miss, or null when it is absent or unreadable (a miss stays a miss). */
export function readRecordSync<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null;
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
