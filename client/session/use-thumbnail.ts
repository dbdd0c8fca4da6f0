import { useEffect, useState } from 'react';
import { imageSource } from '../../shared/image-files.ts';
import { request } from '../api/http.ts';
import { ThumbnailLoader } from './thumbnail-loader.ts';

/**
 * The page's one thumbnail loader: 64 images kept, 4 fetched at a time. Our server's images are
 * fetched with the session's token (they need it); another origin's URL never gets it (no
 * credentials, no referrer), and is fetched at all only when the operator listed that origin in
 * IMAGE_ORIGINS (the content security policy's connect-src) and it answers with CORS headers;
 * otherwise the browser refuses and the card says so.
 */
export const thumbnails = new ThumbnailLoader({
  fetchBlob: async (src) => {
    if (new URL(src, location.href).origin === location.origin) return (await request(src)).blob();
    const response = await fetch(src, { credentials: 'omit', referrerPolicy: 'no-referrer' });
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`.trim());
    return response.blob();
  },
  capacity: 64,
  concurrency: 4,
});

export interface Thumbnail {
  /** Object URL of the loaded image; null while loading or when it failed. */
  url: string | null;
  error: string | null;
}

/**
 * A row's image as a thumbnail, for the desktop cards and (later) the VR card: `value` is the
 * cell of the image column (a stored file name or a URL), null when the row has none.
 */
export function useThumbnail(datasetId: string, value: string | null): Thumbnail {
  const src = value === null ? null : imageSource(datasetId, value);
  const [state, setState] = useState<{ src: string | null } & Thumbnail>({ src: null, url: null, error: null });
  useEffect(() => {
    if (src === null) return;
    let live = true;
    const ready = thumbnails.peek(src);
    if (ready) {
      setState({ src, url: ready, error: null });
      return;
    }
    thumbnails.load(src).then(
      (url) => live && setState({ src, url, error: null }),
      (error: unknown) => live && setState({ src, url: null, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [src]);
  if (src === null) return { url: null, error: value === null ? null : 'not an image name' };
  if (state.src !== src) return { url: thumbnails.peek(src), error: null };
  return { url: state.url, error: state.error };
}
