import { imageSource } from '../../shared/image-files.ts';
import type { Row } from '../api/datasets.ts';
import { thumbnails } from '../session/use-thumbnail.ts';

/** What the card's image box holds: nothing (no image column or an empty cell), a wait, the decoded image, or "no image". */
export type CardImage = { state: 'none' } | { state: 'loading' } | { state: 'shown'; image: HTMLImageElement } | { state: 'failed'; reason: string };

/** The row's image cell when the dataset has an image column and the row names one (null otherwise). */
export function cardImageCell(column: string | null, values: Row): string | null {
  const cell = column === null ? null : values[column];
  return typeof cell === 'string' && cell.trim() !== '' ? cell : null;
}

/**
 * A row's image for the VR card, through the page's one thumbnail loader (the desktop cards'
 * cache, not a second one), decoded off the frame loop so drawing it into the card canvas never
 * stalls a frame. Rejects with the reason when the cell names no image or it cannot be loaded.
 */
export async function loadCardImage(datasetId: string, cell: string): Promise<HTMLImageElement> {
  const src = imageSource(datasetId, cell);
  if (src === null) throw new Error('not an image name');
  const url = await thumbnails.load(src);
  const image = new Image();
  image.src = url;
  await image.decode();
  return image;
}
