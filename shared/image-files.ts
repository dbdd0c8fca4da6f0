/**
 * Image files kept with a dataset (POST /api/datasets/:id/images) and the columns that name
 * them: what a stored image may be called, what it must contain, and how a column of image
 * names or URLs is recognised. Pure: the server validates with it, the client detects with it.
 */
export const IMAGE_LIMITS = {
  /** One image: thumbnails and photos, not raw scans. */
  bytes: 5 * 2 ** 20,
  /** Images kept with one dataset. */
  count: 20_000,
  /** All of one dataset's images together. */
  totalBytes: 500 * 2 ** 20,
  /** Files in one upload request. */
  perRequest: 2_000,
} as const;

const CONTENT_TYPES = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif' } as const;
type Extension = keyof typeof CONTENT_TYPES;

/** A stored image's name: a plain file name (no folders, no leading dot), 1–128 characters, with an image extension. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const EXTENSION = /\.(png|jpe?g|webp|gif)$/i;

/** Why a name cannot be a stored image's, or null when it can. */
export function imageNameProblem(name: string): string | null {
  if (!NAME.test(name)) return `"${name.slice(0, 80)}" is not a plain file name (letters, digits, '.', '_', '-'; at most 128 characters; no folders).`;
  if (!EXTENSION.test(name)) return `"${name.slice(0, 80)}" has no image extension (.png, .jpg, .jpeg, .webp, .gif).`;
  return null;
}

export function imageContentType(name: string): string | null {
  const ext = EXTENSION.exec(name)?.[1].toLowerCase() as Extension | undefined;
  return ext ? CONTENT_TYPES[ext] : null;
}

/** Whether the bytes begin as the format the name's extension says (PNG, JPEG, GIF or WebP signature). */
export function imageBytesMatch(name: string, bytes: Uint8Array): boolean {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  switch (imageContentType(name)) {
    case 'image/png':
      return starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
    case 'image/jpeg':
      return starts(0xff, 0xd8, 0xff);
    case 'image/gif':
      return starts(0x47, 0x49, 0x46, 0x38);
    case 'image/webp':
      return starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50;
    default:
      return false;
  }
}

/** A cell that names an image: a stored file name, a path, or an http(s) URL ending in an image extension (a query may follow). */
export function looksLikeImage(value: string): boolean {
  const path = value.trim().replace(/[?#].*$/, '');
  return path.length > 0 && path.length <= 2048 && EXTENSION.test(path) && !/\s/.test(path);
}

/** Share of a column's non-empty cells that must name images for it to be an image column. */
const IMAGE_SHARE = 0.9;

/** Whether a column's values (a sample is enough) name images: at least 90% of its non-empty cells. */
export function isImageColumn(values: Iterable<string | null>): boolean {
  let present = 0;
  let images = 0;
  for (const v of values) {
    if (v === null || v.trim() === '') continue;
    present++;
    if (looksLikeImage(v)) images++;
  }
  return present > 0 && images >= IMAGE_SHARE * present;
}

/**
 * Where the page loads a cell's image from: a bare file name is one of the dataset's stored
 * images (served by our server); an absolute URL stays as it is (fetched only when the
 * server's content security policy allows its origin); anything else gives null.
 */
export function imageSource(datasetId: string, value: string): string | null {
  const v = value.trim();
  if (/^https?:\/\//i.test(v)) return looksLikeImage(v) ? v : null;
  const name = v.replace(/^.*\//, '');
  return imageNameProblem(name) === null ? `/api/datasets/${encodeURIComponent(datasetId)}/images/${encodeURIComponent(name)}` : null;
}
