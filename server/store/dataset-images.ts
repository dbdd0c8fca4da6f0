import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { IMAGE_LIMITS, imageBytesMatch, imageNameProblem } from '../../shared/image-files.ts';
import { syncDirectory } from './atomic-write.ts';
import { StoreError } from './errors.ts';

/** Staged files older than this were left by a crash and are removed when the folder is next counted. */
const STALE_STAGED_MS = 60 * 60 * 1000;

/** What a dataset's images folder holds now. */
export interface ImageFolderUsage {
  count: number;
  bytes: number;
  names: Set<string>;
}

export class ImageRejected extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ImageRejected';
  }
}

/** An image written and synced under a temporary name, not yet visible. */
export interface StagedImage {
  tmp: string;
  path: string;
}

/**
 * The image files kept with a dataset, in `images/` inside its folder (so deleting the dataset
 * deletes them), under checked plain names that can never reach outside the folder. An upload
 * stages every image (written and synced under a temporary name) and only when all were
 * accepted renames them into place: a rejected request changes nothing, and a crash leaves each
 * file old or new, never torn.
 */
export class DatasetImages {
  constructor(private readonly datasetDir: (id: string) => string) {}

  folder(datasetId: string): string {
    return join(this.datasetDir(datasetId), 'images');
  }

  async usage(datasetId: string): Promise<ImageFolderUsage> {
    const folder = this.folder(datasetId);
    const names = new Set<string>();
    let bytes = 0;
    let entries: string[] = [];
    try {
      entries = await readdir(folder);
    } catch {
      return { count: 0, bytes: 0, names };
    }
    for (const name of entries) {
      if (name.startsWith('.tmp-')) {
        // A crashed upload's leftover (a live upload's staged file is minutes old at most).
        const { mtimeMs } = await stat(join(folder, name)).catch(() => ({ mtimeMs: Date.now() }));
        if (Date.now() - mtimeMs > STALE_STAGED_MS) await rm(join(folder, name), { force: true });
        continue;
      }
      if (imageNameProblem(name) !== null) continue;
      names.add(name);
      bytes += (await stat(join(folder, name))).size;
    }
    return { count: names.size, bytes, names };
  }

  /**
   * Checks one image against its name and the folder's caps (counting what this request already
   * staged, in `usage`, which it updates) and writes it under a temporary name. A replaced file
   * of the same name frees its old size.
   */
  async stage(datasetId: string, name: string, bytes: Uint8Array, usage: ImageFolderUsage): Promise<StagedImage> {
    const problem = imageNameProblem(name);
    if (problem) throw new ImageRejected(400, 'bad_image_name', problem);
    if (bytes.length === 0) throw new ImageRejected(400, 'empty_image', `"${name}" is empty.`);
    if (bytes.length > IMAGE_LIMITS.bytes) throw new ImageRejected(413, 'image_too_large', `"${name}" is larger than ${IMAGE_LIMITS.bytes / 2 ** 20} MB, the limit for one image.`);
    if (!imageBytesMatch(name, bytes)) throw new ImageRejected(415, 'not_an_image', `"${name}" does not hold the image its extension says (its first bytes are not a ${name.replace(/^.*\./, '').toUpperCase()} signature).`);
    const path = join(this.folder(datasetId), name);
    const previous = usage.names.has(name) ? await stat(path).then((s) => s.size, () => 0) : 0;
    const count = usage.count + (previous > 0 ? 0 : 1);
    const total = usage.bytes - previous + bytes.length;
    if (count > IMAGE_LIMITS.count) throw new ImageRejected(413, 'too_many_images', `A dataset keeps at most ${IMAGE_LIMITS.count.toLocaleString('en-US')} images.`);
    if (total > IMAGE_LIMITS.totalBytes) throw new ImageRejected(413, 'images_too_large', `A dataset's images take at most ${IMAGE_LIMITS.totalBytes / 2 ** 20} MB together.`);
    await mkdir(this.folder(datasetId), { recursive: true });
    const tmp = join(this.folder(datasetId), `.tmp-${randomBytes(6).toString('hex')}`);
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    usage.names.add(name);
    usage.count = count;
    usage.bytes = total;
    return { tmp, path };
  }

  /** Puts staged images in place (one rename each) and makes the renames durable. */
  async commit(datasetId: string, staged: readonly StagedImage[]): Promise<void> {
    for (const s of staged) await rename(s.tmp, s.path);
    if (staged.length > 0) await syncDirectory(this.folder(datasetId));
  }

  async discard(staged: readonly StagedImage[]): Promise<void> {
    for (const s of staged) await rm(s.tmp, { force: true });
  }

  /** The stored file's path; not_found when there is none of that name. */
  async path(datasetId: string, name: string): Promise<string> {
    const problem = imageNameProblem(name);
    const path = join(this.folder(datasetId), name);
    if (problem || !(await stat(path).then((s) => s.isFile(), () => false))) {
      throw new StoreError('not_found', `Dataset "${datasetId}" has no image "${name.slice(0, 80)}".`);
    }
    return path;
  }
}
