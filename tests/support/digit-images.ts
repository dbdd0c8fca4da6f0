import { readFile } from 'node:fs/promises';
import { PNG } from 'pngjs';
import { assetPath } from './assets.ts';

/** Each 8 × 8 digit drawn at this many screen pixels per cell: 48 × 48 thumbnails. */
const CELL = 6;

export interface DigitImageTable {
  /** The digits table's first `count` rows with an `image` column naming each row's PNG. */
  csv: string;
  images: { name: string; bytes: Uint8Array<ArrayBuffer> }[];
}

/**
 * Real images of real rows: each digit's 64 pixel counts (0–16, the UCI scans downsampled)
 * rendered as a grey-scale PNG, dark ink on white, and a CSV of the same rows naming them.
 */
export async function digitImageTable(count: number): Promise<DigitImageTable> {
  const lines = (await readFile(assetPath('digits'), 'utf8')).trim().split('\n');
  const header = lines[0].split(',');
  const pixels = header.map((h, i) => (h.startsWith('pixel_') ? i : -1)).filter((i) => i >= 0);
  const rows = lines.slice(1, count + 1);
  const images = rows.map((line, r) => {
    const cells = line.split(',');
    const png = new PNG({ width: 8 * CELL, height: 8 * CELL });
    for (let y = 0; y < 8 * CELL; y++) {
      for (let x = 0; x < 8 * CELL; x++) {
        const v = Number(cells[pixels[Math.floor(y / CELL) * 8 + Math.floor(x / CELL)]]);
        const grey = Math.round(255 - (v / 16) * 255);
        const o = (y * 8 * CELL + x) * 4;
        png.data[o] = png.data[o + 1] = png.data[o + 2] = grey;
        png.data[o + 3] = 255;
      }
    }
    return { name: `digit-${String(r).padStart(4, '0')}.png`, bytes: new Uint8Array(PNG.sync.write(png)) };
  });
  const csv = [`${lines[0]},image`, ...rows.map((line, r) => `${line},${images[r].name}`)].join('\n') + '\n';
  return { csv, images };
}

/** A multipart form with one `file` field per image, as the start page would send it. */
export function imageForm(images: readonly { name: string; bytes: Uint8Array<ArrayBuffer> }[]): FormData {
  const form = new FormData();
  for (const image of images) form.append('file', new Blob([image.bytes], { type: 'image/png' }), image.name);
  return form;
}
