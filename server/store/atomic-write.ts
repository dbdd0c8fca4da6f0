import { open, rename, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Crash safety for every file the server owns: write a temporary sibling, fsync it, rename it
 * over the target, fsync the directory. A crash at any moment leaves the old or the new file,
 * never a torn one.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: { mode?: number } = {}): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.tmp-${randomBytes(6).toString('hex')}`);
  // The mode is set at creation: a secret is never readable by others, not even for a moment.
  const handle = await open(tmp, 'w', options.mode ?? 0o666);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(tmp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(tmp, path);
  await syncDirectory(dir);
}

/** Makes a rename (or create/unlink) in `dir` durable. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Publishes a fully written directory under its final name in one rename (same file system),
 * so readers and restarts see all of it or none of it.
 */
export async function publishDirectory(tmpDir: string, finalDir: string): Promise<void> {
  await rename(tmpDir, finalDir);
  await syncDirectory(dirname(finalDir));
}
