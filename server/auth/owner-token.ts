import { chmod, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../store/atomic-write.ts';
import { randomBytes } from 'node:crypto';

export const OWNER_TOKEN_FILE = 'owner-token';
/** 22 base64url characters hold 128 bits; OWNER_TOKEN shorter than this is refused. */
export const MIN_OWNER_TOKEN_LENGTH = 22;

/**
 * The workspace's owner token: OWNER_TOKEN when given, else the one kept in DATA_DIR/owner-token
 * (written once, 256 random bits, readable by this user only), so the start-page link stays the
 * same across restarts.
 */
export async function loadOwnerToken(dataDir: string, configured: string | null): Promise<string> {
  if (configured !== null) return configured;
  const path = join(dataDir, OWNER_TOKEN_FILE);
  try {
    const stored = (await readFile(path, 'utf8')).trim();
    if (stored.length >= MIN_OWNER_TOKEN_LENGTH) {
      // Copied in with looser permissions (a backup, a `cp`): it is a password, tighten it.
      if (((await stat(path)).mode & 0o077) !== 0) await chmod(path, 0o600);
      return stored;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const token = randomBytes(32).toString('base64url');
  await writeFileAtomic(path, `${token}\n`, { mode: 0o600 });
  return token;
}
