import { useState } from 'react';
import { IMAGE_LIMITS } from '../../shared/image-files.ts';
import { uploadImages } from '../api/datasets.ts';

export type ImageUploadState = { status: 'idle' } | { status: 'sending'; sent: number; total: number } | { status: 'done'; count: number } | { status: 'failed'; message: string };

/** Files per request: well under the server's limit, so one refused file costs one batch, not the lot. */
const BATCH = Math.min(500, IMAGE_LIMITS.perRequest);

/**
 * Sends image files to be kept with a dataset, in batches (each stored whole or not at all);
 * stops at the first refused batch with the server's sentence.
 */
export function useImageUpload(datasetId: string): { state: ImageUploadState; upload(files: readonly File[]): Promise<void> } {
  const [state, setState] = useState<ImageUploadState>({ status: 'idle' });
  const upload = async (files: readonly File[]) => {
    if (files.length === 0) return;
    let count = 0;
    for (let from = 0; from < files.length; from += BATCH) {
      setState({ status: 'sending', sent: from, total: files.length });
      try {
        count = (await uploadImages(datasetId, files.slice(from, from + BATCH))).count;
      } catch (error) {
        const stored = from > 0 ? ` (the first ${from} were kept)` : '';
        setState({ status: 'failed', message: `${error instanceof Error ? error.message : String(error)}${stored}` });
        return;
      }
    }
    setState({ status: 'done', count });
  };
  return { state, upload };
}
