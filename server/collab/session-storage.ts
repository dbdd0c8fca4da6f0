import { constants } from 'node:fs';
import { open, readFile, rename, rm, mkdir, truncate, rmdir, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { CollabError } from './errors.ts';
import { encodeFrames, parseFrames, FRAME_HEADER_BYTES } from './log-frames.ts';

/**
 * Durable storage of one session's Yjs document under `${dataDir}/sessions/<id>/`:
 *
 * - `ydoc.state`: the merged document, 8-byte header ('DMYS', version 1, 3 zero bytes) then
 *   one framed record (see log-frames.ts). Only ever replaced by write-temp, fsync, rename.
 * - `ydoc.log`: framed updates appended since that state, each batch on disk (O_DSYNC) before the
 *   updates in it are relayed to anyone.
 *
 * Loading is state + log replay; replaying an update twice is harmless in Yjs, so a crash
 * between the state rename and the log truncation loses nothing.
 */
const STATE_FILE = 'ydoc.state';
const STATE_TMP = 'ydoc.state.tmp';
const LOG_FILE = 'ydoc.log';
const STATE_MAGIC = Buffer.from([0x44, 0x4d, 0x59, 0x53, 1, 0, 0, 0]); // 'DMYS' v1

export interface LoadedSession {
  storage: SessionStorage;
  state: Uint8Array | null;
  updates: Uint8Array[];
  /** Bytes cut off the end of the log because its last record was torn. */
  tornBytes: number;
}

export class SessionStorage {
  private logBytesNow: number;

  private constructor(
    readonly dir: string,
    private readonly log: FileHandle,
    logBytes: number,
  ) {
    this.logBytesNow = logBytes;
  }

  /** Opens (creating if needed) the session's storage and reads what it holds. */
  static async open(dir: string): Promise<LoadedSession> {
    await mkdir(dir, { recursive: true });
    const state = await readState(join(dir, STATE_FILE));
    const logPath = join(dir, LOG_FILE);
    const raw = await readFile(logPath).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    const { payloads, validBytes } = raw ? parseFrames(raw) : { payloads: [], validBytes: 0 };
    const tornBytes = raw ? raw.length - validBytes : 0;
    // Appending after a torn record would hide every later record from the next load.
    if (tornBytes > 0) await truncate(logPath, validBytes);
    // O_DSYNC: each append returns once its data (and the file size) is on disk, one system
    // call instead of write + fdatasync, so one thread-pool round trip per batch instead of two.
    const log = await open(logPath, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_DSYNC, 0o644);
    if (tornBytes > 0 || raw === null) {
      await log.sync();
      await syncDir(dir);
    }
    return { storage: new SessionStorage(dir, log, validBytes), state, updates: payloads, tornBytes };
  }

  /**
   * What the files hold, read only (no folder created, a torn tail ignored, not cut): how a
   * shared store takes over documents kept here before it was configured. Null: nothing stored.
   */
  static async read(dir: string): Promise<{ state: Uint8Array | null; updates: Uint8Array[] } | null> {
    const state = await readState(join(dir, STATE_FILE));
    const raw = await readFile(join(dir, LOG_FILE)).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    const updates = raw ? parseFrames(raw).payloads : [];
    return state === null && updates.length === 0 ? null : { state, updates };
  }

  /** Whether anything was ever stored for the session. */
  static async exists(dir: string): Promise<boolean> {
    const [state, log] = await Promise.all([
      readFile(join(dir, STATE_FILE)).then(() => true, () => false),
      readFile(join(dir, LOG_FILE)).then((b) => b.length > 0, () => false),
    ]);
    return state || log;
  }

  static async remove(dir: string): Promise<void> {
    await Promise.all([STATE_FILE, STATE_TMP, LOG_FILE].map((f) => rm(join(dir, f), { force: true })));
    // Other parts of the server may keep their own files in the session's folder.
    await rmdir(dir).catch(() => undefined);
  }

  get logBytes(): number {
    return this.logBytesNow;
  }

  /** Appends the updates as one write and waits until they are on disk (O_DSYNC). */
  async append(updates: readonly Uint8Array[]): Promise<void> {
    if (updates.length === 0) return;
    const buf = encodeFrames(updates);
    let written = 0;
    while (written < buf.length) {
      const { bytesWritten } = await this.log.write(buf, written, buf.length - written);
      written += bytesWritten;
    }
    this.logBytesNow += buf.length;
  }

  /** Replaces the state file with `state` atomically, then empties the log. */
  async compact(state: Uint8Array): Promise<void> {
    const tmp = join(this.dir, STATE_TMP);
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(Buffer.concat([STATE_MAGIC, encodeFrames([state])]));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, join(this.dir, STATE_FILE));
    await syncDir(this.dir);
    await this.log.truncate(0);
    await this.log.sync();
    this.logBytesNow = 0;
  }

  async close(): Promise<void> {
    await this.log.close();
  }
}

async function readState(path: string): Promise<Uint8Array | null> {
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const { payloads, validBytes } = parseFrames(raw.subarray(STATE_MAGIC.length));
  const ok = raw.subarray(0, STATE_MAGIC.length).equals(STATE_MAGIC) && payloads.length === 1 &&
    validBytes === raw.length - STATE_MAGIC.length && validBytes >= FRAME_HEADER_BYTES;
  // The state file is only ever renamed into place whole, so damage here is not a torn
  // write we may skip: refuse to load rather than silently drop the session's history.
  if (!ok) throw new CollabError('corrupt_state', `session state file ${path} is damaged`);
  return payloads[0];
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
